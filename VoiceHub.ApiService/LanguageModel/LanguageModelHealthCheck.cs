using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VoiceHub.ApiService.LanguageModel;

/// <summary>
/// <c>language_model</c>: healthy while the circuit is closed, degraded while it is half-open or open.
/// Never unhealthy: the hub keeps recognising commands and running every other template without the
/// model, and an unhealthy answer would make a load balancer or the AppHost take the whole API away.
/// </summary>
public sealed class LanguageModelHealthCheck(LanguageModelStatus status) : IHealthCheck
{
    public const string Name = "language_model";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var circuit = status.Circuit;
        var data = new Dictionary<string, object>
        {
            ["circuit"] = circuit.ToText(),
            ["model"] = status.Model ?? "",
            ["endpoint"] = status.Endpoint ?? "",
        };
        if (status.OpenUntil is { } until)
        {
            data["open_until"] = until.ToString("O");
        }

        return Task.FromResult(circuit switch
        {
            CircuitStatus.Closed => HealthCheckResult.Healthy($"Model {status.Model} at {status.Endpoint} answers.", data),
            CircuitStatus.HalfOpen => HealthCheckResult.Degraded("The language model failed repeatedly; the next call is a trial.", data: data),
            _ => HealthCheckResult.Degraded(status.UnavailableReason, data: data),
        });
    }
}
