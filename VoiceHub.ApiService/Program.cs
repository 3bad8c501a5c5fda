using VoiceHub.ApiService.Hub;
using VoiceHub.ApiService.Monitoring;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddHubPlatform();
builder.AddMonitoring();

var app = builder.Build();

app.UseMonitoring();
app.UseHubPlatform();
app.MapDefaultEndpoints();
app.MapHubApi();
app.MapMonitoringApi();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the API tests.</summary>
public partial class Program;
