using VoiceHub.Web.ApiClients;

namespace VoiceHub.Web;

/// <summary>Gives every browser a long-lived opaque id cookie: the user the web acts for in API calls (<see cref="HubApiCredentials"/>).</summary>
public static class BrowserUserMiddleware
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    public static IApplicationBuilder UseBrowserUser(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var id = context.Request.Cookies[BrowserUser.CookieName];
            if (!BrowserUser.IsValid(id))
            {
                id = BrowserUser.NewId();
                context.Response.Cookies.Append(BrowserUser.CookieName, id, new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = context.Request.IsHttps,
                    IsEssential = true,
                    MaxAge = Lifetime,
                });
            }

            context.RequestServices.GetRequiredService<BrowserUser>().Id = id!;
            return next(context);
        });
}
