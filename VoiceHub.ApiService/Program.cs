using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Commands;
using VoiceHub.ApiService.Hooks;
using VoiceHub.ApiService.Identity;
using VoiceHub.ApiService.LanguageModel;
using VoiceHub.ApiService.Monitoring;
using VoiceHub.ApiService.Performance;
using VoiceHub.ApiService.Platform;
using VoiceHub.ApiService.Schedules;
using VoiceHub.ApiService.Speech;
using VoiceHub.ApiService.Threads;
using VoiceHub.ApiService.Webhooks;
using VoiceHub.ApiService.Workflows;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatform();
builder.AddIdentity();
builder.AddMonitoring();
builder.AddPerformance();
builder.AddWorkflows();
builder.AddSchedules();
builder.AddAgents();
builder.AddLanguageModel();
builder.AddThreads();
builder.AddCommands();
builder.AddSpeech();
builder.AddHooks();
builder.AddWebhooks();

var app = builder.Build();

app.UseMonitoring();
app.UsePlatform();
app.UseIdentity();
app.UsePerformance();
app.MapDefaultEndpoints();
app.MapPlatformApi();
app.MapIdentityApi();
app.MapMonitoringApi();
app.MapWorkflowsApi();
app.MapSchedulesApi();
app.MapAgentsApi();
app.MapThreadsApi();
app.MapCommandsApi();
app.MapSpeechApi();
app.MapHooksApi();
app.MapWebhooksApi();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the API tests.</summary>
public partial class Program;
