using Microsoft.AspNetCore.Components;

namespace VoiceHub.Web.Identity;

/// <summary>
/// The fingerprinted URLs (<c>app.3noin9o1g7.css</c>) of the files the sign-in page links. That page is a
/// <see cref="Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult"/> of a minimal API endpoint, whose
/// <c>Assets</c> has no fingerprints (dotnet/aspnetcore#58937), so its stylesheets were sent in full on every
/// visit. The Razor component endpoints carry the app's <see cref="ResourceAssetCollection"/> (built by
/// <c>MapStaticAssets</c>); this reads it from them once. Unknown names come back as given.
/// </summary>
public sealed class LoginAssets(EndpointDataSource endpoints)
{
    private ResourceAssetCollection? _assets;

    public string this[string name] => (_assets ??= Find())[name];

    private ResourceAssetCollection Find() =>
        endpoints.Endpoints.Select(e => e.Metadata.GetMetadata<ResourceAssetCollection>()).FirstOrDefault(a => a is not null)
        ?? ResourceAssetCollection.Empty;
}
