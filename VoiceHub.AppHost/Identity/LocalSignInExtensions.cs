using System.Security.Cryptography;

namespace VoiceHub.AppHost.Identity;

/// <summary>
/// Zero-friction sign-in on a developer's machine: the web prints a one-time sign-in link, and the
/// dashboard's link to the web carries a secret made for this run (never stored, new every start)
/// that signs in as the bootstrap admin. Whoever can open this dashboard can already read the admin
/// key from its parameters, so the link gives nobody more than they have.
/// </summary>
public static class LocalSignInExtensions
{
    /// <summary>Where the dashboard's link signs in (<c>/login?dashboard=…</c>).</summary>
    public const string DashboardLinkText = "VoiceHub (signed in as admin)";

    public static IResourceBuilder<ProjectResource> WithLocalSignIn(this IResourceBuilder<ProjectResource> web)
    {
        var dashboardKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var endpoint = web.GetEndpoint("http");
        return web
            .WithEnvironment("VoiceHub__Auth__SignInLink__Enabled", "true")
            .WithEnvironment("VoiceHub__Auth__SignInLink__PublicUrl", ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Url)}"))
            .WithEnvironment("VoiceHub__Auth__DashboardKey", dashboardKey)
            .WithUrlForEndpoint("http", url =>
            {
                url.Url = "/login?dashboard=" + dashboardKey;
                url.DisplayText = DashboardLinkText;
            });
    }
}
