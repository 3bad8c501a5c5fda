using VoiceHub.ApiService.Hub;
using VoiceHub.ApiService.Threads;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddHubPlatform();
builder.AddThreads();

var app = builder.Build();

app.UseHubPlatform();
app.MapDefaultEndpoints();
app.MapHubApi();
app.MapThreadsApi();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the API tests.</summary>
public partial class Program;
