using VoiceHub.ApiService.Agents.BuiltIn;
using VoiceHub.ApiService.Hub;
using VoiceHub.ApiService.Threads;
using VoiceHub.ApiService.Workflows;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddHubPlatform();
builder.AddWorkflows();
builder.AddBuiltInAgents();
builder.AddThreads();

var app = builder.Build();

app.UseHubPlatform();
app.MapDefaultEndpoints();
app.MapHubApi();
app.MapWorkflowApis();
app.MapThreadsApi();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the API tests.</summary>
public partial class Program;
