using VoiceHub.Web;
using VoiceHub.Web.Components;
using VoiceHub.Web.Identity;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWebFrontend();

var app = builder.Build();

app.UseWebFrontend();
app.MapDefaultEndpoints();
// Styles, scripts and icons are the same for everyone; the sign-in page needs them before anyone is signed in.
app.MapStaticAssets().AllowAnonymous();
app.MapSignInEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
