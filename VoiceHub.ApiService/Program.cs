using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Agents.BuiltIn;
using VoiceHub.ApiService.Agents.Http;
using VoiceHub.ApiService.Commands;
using VoiceHub.ApiService.Platform;
using VoiceHub.ApiService.LanguageModel;
using VoiceHub.ApiService.Monitoring;
using VoiceHub.ApiService.Performance;
using VoiceHub.ApiService.Threads;
using VoiceHub.ApiService.Workflows;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatform();
builder.AddMonitoring();
builder.AddPerformance();
builder.AddWorkflows();
builder.AddBuiltInAgents();
builder.AddHttpAgent();
builder.AddLanguageModel();
builder.AddThreads();
builder.AddCommands();

var app = builder.Build();

app.UseMonitoring();
app.UseCompression();
app.UsePlatform();
app.UsePerformance();
app.MapDefaultEndpoints();
app.MapRootApi();
app.MapMonitoringApi();
app.MapWorkflowApis();
app.MapAgentsApi();
app.MapThreadsApi();
app.MapCommandApis();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the API tests.</summary>
public partial class Program;
