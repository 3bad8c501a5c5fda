using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Agents.Http;
using VoiceHub.ApiService.Hub;
using VoiceHub.ApiService.LanguageModel;
using VoiceHub.ApiService.Threads;
using VoiceHub.ApiService.Workflows;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddHubPlatform();
builder.AddWorkflows();
builder.AddThreads();
builder.AddLanguageModel();
builder.AddHttpAgent();

var app = builder.Build();

app.UseHubPlatform();
app.MapDefaultEndpoints();
app.MapHubApi();
app.MapWorkflowApis();
app.MapThreadsApi();
app.MapAgentsApi();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the API tests.</summary>
public partial class Program;
