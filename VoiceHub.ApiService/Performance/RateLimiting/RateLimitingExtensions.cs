using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RedisRateLimiting;
using StackExchange.Redis;
using VoiceHub.ApiService.Platform;
using VoiceHub.ApiService.Platform.Options;
using VoiceHub.ApiService.Platform.WarmUp;

namespace VoiceHub.ApiService.Performance.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter with fixed windows counted in Redis (RedisRateLimiting), so every
/// replica draws on the same budget. A global limit covers every endpoint but /health and /alive;
/// <see cref="RateLimitPolicies.Commands"/> adds a stricter one where asked for.
/// </summary>
public static class RateLimitingExtensions
{
    public static IServiceCollection AddHubRateLimiting(this IServiceCollection services)
    {
        services.AddValidatedOptions<RateLimitOptions>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                Partition(context, "all:", settings => settings.PermitLimit));
            options.AddPolicy(RateLimitPolicies.Commands, context =>
                Partition(context, "commands:", settings => settings.CommandsPermitLimit));
            options.OnRejected = WriteRejectionAsync;
        });
        return services;
    }

    /// <summary>
    /// Spends <paramref name="permits"/> more from the caller's <see cref="RateLimitPolicies.Commands"/>
    /// budget (a batch costs one permit per item; the policy took the first). The count lives in
    /// Redis under the policy's own key, so this draws on the very budget the policy checks.
    /// Null when granted, else the seconds to wait.
    /// </summary>
    public static async Task<int?> SpendCommandPermitsAsync(HttpContext context, int permits, CancellationToken cancellationToken)
    {
        var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (permits <= 0 || !settings.Enabled)
        {
            return null;
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(settings.Window.TotalSeconds));
        if (permits > settings.CommandsPermitLimit)
        {
            return seconds;
        }

        var partition = Partition(context, "commands:", s => s.CommandsPermitLimit);
        await using var limiter = partition.Factory(partition.PartitionKey);
        using var lease = await limiter.AcquireAsync(permits, cancellationToken);
        return lease.IsAcquired ? null : Math.Max(1, (int)Math.Ceiling((RetryAfter(lease) ?? settings.Window).TotalSeconds));
    }

    private static RateLimitPartition<string> Partition(HttpContext context, string scope, Func<RateLimitOptions, int> permits)
    {
        var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (!settings.Enabled || Microsoft.Extensions.Hosting.Extensions.IsHealthProbe(context.Request.Path)
            || context.RequestServices.GetService<WarmUpState>()?.IsOwnCall(context) == true)
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        // Replicas sharing the hub's prefix share the budgets.
        var prefix = context.RequestServices.GetRequiredService<IOptions<RedisKeyOptions>>().Value.For("ratelimit");
        var redis = context.RequestServices.GetRequiredService<IConnectionMultiplexer>();
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimitingExtensions));
        return RateLimitPartition.Get(prefix + scope + RateLimitPartitionKey.For(context), key => new FailOpenRateLimiter(
            new RedisFixedWindowRateLimiter<string>(key, new RedisFixedWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => redis,
                PermitLimit = permits(settings),
                Window = settings.Window,
            }),
            logger));
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var retryAfter = RetryAfter(rejected.Lease) ?? settings.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This client has used its budget of {settings.PermitLimit} requests per {Describe(settings.Window)} " +
                    $"({settings.CommandsPermitLimit} for commands and workflow creation), counted per signed-in principal " +
                    $"(the user the web frontend acts for), else per address. Try again in {seconds} s.",
                Extensions = { ["retryAfterSeconds"] = seconds },
            },
        });
    }

    private static TimeSpan? RetryAfter(RateLimitLease lease)
    {
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var standard))
        {
            return standard;
        }

        // RedisRateLimiting names its metadata itself (RATELIMIT_RETRYAFTER).
        foreach (var (name, value) in lease.GetAllMetadata())
        {
            if (name.Contains("RETRYAFTER", StringComparison.OrdinalIgnoreCase) || name.Equals(MetadataName.RetryAfter.Name, StringComparison.OrdinalIgnoreCase))
            {
                return value switch
                {
                    TimeSpan span => span,
                    int s => TimeSpan.FromSeconds(s),
                    long s => TimeSpan.FromSeconds(s),
                    double s => TimeSpan.FromSeconds(s),
                    string s when double.TryParse(s, CultureInfo.InvariantCulture, out var d) => TimeSpan.FromSeconds(d),
                    _ => null,
                };
            }
        }

        return null;
    }

    private static string Describe(TimeSpan window) =>
        window == TimeSpan.FromMinutes(1) ? "minute" : window.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
