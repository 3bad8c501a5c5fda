using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;

namespace VoiceHub.ApiService.Hub;

/// <summary>The root of the API: what this service is and which version runs.</summary>
public static class HubEndpoints
{
    public static IEndpointRouteBuilder MapHubApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", GetServiceInfo)
            .WithName("GetServiceInfo")
            .WithSummary("Names the service and its version.")
            .WithTags("Hub");
        return app;
    }

    internal static Ok<ServiceInfo> GetServiceInfo() => TypedResults.Ok(ServiceInfo.Current);
}

/// <summary>Answer of <c>GET /</c>.</summary>
public sealed record ServiceInfo(string Service, string Version, string Instance, string OpenApi)
{
    public static ServiceInfo Current { get; } = new(
        "VoiceHub.ApiService",
        typeof(ServiceInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? "0.0.0",
        Environment.MachineName + ":" + Environment.ProcessId,
        "/openapi/v1.json");
}
