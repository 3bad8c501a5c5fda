using VoiceHub.Web;
using VoiceHub.Web.Components;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWebFrontend();

var app = builder.Build();

app.UseWebFrontend();
app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
