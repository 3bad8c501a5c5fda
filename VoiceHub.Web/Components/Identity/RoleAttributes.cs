using Microsoft.AspNetCore.Authorization;

namespace VoiceHub.Web.Components.Identity;

/// <summary>Which hub role a page asks for with <c>[Authorize(Policy = HubRoles.X)]</c>, to say so when someone lacks it.</summary>
public static class RoleAttributes
{
    public static string Needed(Type page) =>
        page.GetCustomAttributes(typeof(AuthorizeAttribute), inherit: true).OfType<AuthorizeAttribute>()
            .Select(a => a.Policy).Where(HubRoles.IsUserRole).MaxBy(HubRoles.Rank) ?? HubRoles.Viewer;
}
