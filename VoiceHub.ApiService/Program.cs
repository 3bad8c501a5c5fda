using VoiceHub.ApiService.Commands;
using VoiceHub.ApiService.Hub;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddHubPlatform();
builder.AddCommandRecognition();

var app = builder.Build();

app.UseHubPlatform();
app.MapDefaultEndpoints();
app.MapHubApi();
app.MapCommandParseApi();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the API tests.</summary>
public partial class Program;
