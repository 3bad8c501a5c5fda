using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;

namespace VoiceHub.ApiService.Platform;

/// <summary>The root of the API: what this service is and which version runs.</summary>
public static class RootEndpoints
{
    public static IEndpointRouteBuilder MapRootEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", GetServiceInfo)
            .WithName("GetServiceInfo")
            .WithSummary("Names the service and its version.")
            .WithTags("Hub")
            .AllowAnonymous();
        return app;
    }

    internal static Ok<ServiceInfo> GetServiceInfo() => TypedResults.Ok(CurrentService);

    /// <summary>This process among the replicas: <c>machine:pid</c>, as <c>/</c> and <c>/api/metrics</c> name it.</summary>
    public static string Instance { get; } = Environment.MachineName + ":" + Environment.ProcessId;

    /// <summary>What <c>GET /</c> says about this process.</summary>
    private static readonly ServiceInfo CurrentService = new(
        "VoiceHub.ApiService",
        typeof(RootEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? "0.0.0",
        Instance,
        "/openapi/v1.json");
}
