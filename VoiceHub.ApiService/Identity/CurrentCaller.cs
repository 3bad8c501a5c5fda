using System.Security.Claims;

namespace VoiceHub.ApiService.Identity;

/// <summary>
/// The principal of the request being served, for services shared by several endpoints (workflows
/// are started and controlled both by their routes and by spoken commands). Outside a request — a
/// worker, a retention sweep — there is no caller and the hub acts for itself.
/// </summary>
public sealed class CurrentCaller(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    /// <summary>The principal's id, recorded as the owner of what it creates; null outside a request.</summary>
    public string? Id => User?.HubId();

    public string? Role => User?.HubRole();

    /// <summary>True for the owner and admins, and for the hub itself (no request).</summary>
    public bool MayManage(string? owner) => accessor.HttpContext is null || (User?.MayManage(owner) ?? false);
}
