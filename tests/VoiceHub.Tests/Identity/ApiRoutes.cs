using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace VoiceHub.Tests.Identity;

/// <summary>One route of the API as EndpointDataSource lists it, with what authorization it declares.</summary>
internal sealed record ApiRoute(string Method, string Pattern, string[] Policies, bool Anonymous)
{
    /// <summary>
    /// Routes that are open by decision: the service's name, probes, the OpenAPI document, and hook
    /// deliveries, which the HMAC signature with the hook's secret authenticates instead of a key
    /// (HookReceiver refuses unsigned and wrongly signed deliveries with 401; HookSignatureTests, HookApiTests).
    /// </summary>
    public static readonly string[] OpenPatterns = ["/", "/health", "/alive", "/openapi/{documentName}.json", "/hooks/{id}"];

    /// <summary>
    /// Routes of feature folders this branch could not touch (Agents/ was being changed by others):
    /// they get the fallback policy (viewer) until their owners name a policy. Keep this list empty.
    /// </summary>
    public static readonly string[] FallbackPending = [];

    /// <summary>The policy the route needs: its own, or the viewer fallback.</summary>
    public string Policy => Anonymous ? "anonymous" : Policies.LastOrDefault() ?? "viewer";

    /// <summary>A path for the pattern with every parameter filled, so a request reaches the route.</summary>
    public string SamplePath => System.Text.RegularExpressions.Regex.Replace(Pattern, @"\{(\w+)[^}]*\}", m => m.Groups[1].Value == "documentName" ? "v1" : "no-such-" + m.Groups[1].Value);

    public override string ToString() => $"{Method} {Pattern}";

    public static IReadOnlyList<ApiRoute> All(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => new ApiRoute(
                method,
                "/" + endpoint.RoutePattern.RawText!.TrimStart('/'),
                endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToArray(),
                // AllowAnonymous wins over any policy ASP.NET Core finds on the endpoint.
                endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
            .Where(route => route.Method is not "OPTIONS")
            .OrderBy(route => route.Pattern).ThenBy(route => route.Method)
            .ToList();
}
