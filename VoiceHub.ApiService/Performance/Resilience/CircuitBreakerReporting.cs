using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace VoiceHub.ApiService.Performance.Resilience;

/// <summary>
/// Hooks every standard resilience handler's breaker (<c>OnOpened</c>, <c>OnHalfOpened</c>,
/// <c>OnClosed</c>) into <see cref="CircuitBreakerRegistry"/>, named by its HttpClient. Options are
/// named <c>{client}-standard</c> per client; a handler added for all clients through
/// <c>ConfigureHttpClientDefaults</c> is one shared pipeline and reports as <c>default</c>.
/// </summary>
internal sealed class CircuitBreakerReporting(CircuitBreakerRegistry registry) : IConfigureNamedOptions<HttpStandardResilienceOptions>
{
    private const string StandardSuffix = "-standard";

    public void Configure(HttpStandardResilienceOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, HttpStandardResilienceOptions options)
    {
        var client = ClientName(name);
        registry.Register(client);

        var breaker = options.CircuitBreaker;
        var opened = breaker.OnOpened;
        var halfOpened = breaker.OnHalfOpened;
        var closed = breaker.OnClosed;
        breaker.OnOpened = args =>
        {
            registry.Report(client, BreakerState.Open);
            return opened?.Invoke(args) ?? ValueTask.CompletedTask;
        };
        breaker.OnHalfOpened = args =>
        {
            registry.Report(client, BreakerState.HalfOpen);
            return halfOpened?.Invoke(args) ?? ValueTask.CompletedTask;
        };
        breaker.OnClosed = args =>
        {
            registry.Report(client, BreakerState.Closed);
            return closed?.Invoke(args) ?? ValueTask.CompletedTask;
        };
    }

    internal static string ClientName(string? optionsName)
    {
        var name = optionsName ?? "";
        if (name.EndsWith(StandardSuffix, StringComparison.Ordinal))
        {
            name = name[..^StandardSuffix.Length];
        }

        return name is "" or "standard" ? "default" : name;
    }
}
