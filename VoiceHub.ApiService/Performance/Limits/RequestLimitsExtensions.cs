using System.Globalization;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Performance.Limits;

/// <summary>Body size cap, request timeouts, and HTTP/2 beside HTTP/1.1 on Kestrel.</summary>
public static class RequestLimitsExtensions
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddValidatedOptions<RequestLimitOptions>();

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitOptions>>((kestrel, limits) =>
        {
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes;
            // HTTP/2 beside HTTP/1.1 is Kestrel's default (Http1AndHttp2), kept on purpose and covered
            // by a test. It is negotiated by ALPN, so TLS endpoints use it; cleartext ones stay HTTP/1.1
            // (Kestrel cannot offer both without TLS, dotnet/aspnetcore#56984). Setting it explicitly
            // would only add a start-up warning for every cleartext endpoint.
        });

        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<RequestLimitOptions>>((timeouts, limits) =>
        {
            timeouts.DefaultPolicy = Policy(limits.Value.RequestTimeout);
            timeouts.AddPolicy(RequestTimeoutPolicies.Batch, Policy(limits.Value.BatchRequestTimeout));
        });

        // A body over the cap surfaces as BadHttpRequestException(413) or a bare 413; both become
        // ProblemDetails that state the limit.
        services.PostConfigure<ProblemDetailsOptions>(options =>
        {
            var previous = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                previous?.Invoke(context);
                if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge && context.ProblemDetails.Detail is null)
                {
                    var max = context.HttpContext.RequestServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value.MaxRequestBodyBytes;
                    context.ProblemDetails.Title = "Request body too large";
                    context.ProblemDetails.Detail =
                        $"The request body is over the {max.ToString(CultureInfo.InvariantCulture)}-byte limit ({RequestLimitOptions.SectionName}:MaxRequestBodyBytes); " +
                        "send less, or split it into several requests.";
                    context.ProblemDetails.Extensions["limitBytes"] = max;
                }
            };
        });
        return services;
    }

    private static RequestTimeoutPolicy Policy(TimeSpan timeout) => new()
    {
        Timeout = timeout,
        TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        WriteTimeoutResponse = context => context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status504GatewayTimeout,
                Title = "Request timed out",
                Detail = $"The API gave up after {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s, this endpoint's limit. " +
                    "Retry later; for many items use a batch endpoint, and follow long work through its events.",
            },
        }).AsTask(),
    };
}
