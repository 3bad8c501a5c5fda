using System.Globalization;
using System.Text.Json.Nodes;

namespace VoiceHub.ApiService.Agents;

/// <summary>
/// Built-in agent with no side effects outside the workflow: waits, echoes its inputs, and can
/// fail on purpose. It makes the engine testable end to end and is handy in templates (a pause
/// between steps, a constant output).
/// </summary>
public sealed class SystemAgent(TimeProvider time) : IAgent
{
    public string Name => "system";

    public string Description => "Engine utilities: wait, echo, and deliberate failures for testing retries.";

    public IReadOnlyList<AgentAction> Actions { get; } =
    [
        new("wait", "Waits for `milliseconds` (default 100, at most 600000), then succeeds."),
        new("echo", "Returns its inputs as its output."),
        new("fail", "Fails its first `times` attempts (default: always); `retryable: false` makes the failure final at once."),
    ];

    public async Task<AgentResult> ExecuteAsync(AgentInvocation invocation, CancellationToken cancellationToken)
    {
        switch (invocation.Action.ToLowerInvariant())
        {
            case "wait":
                var ms = ReadInt(invocation.Inputs, "milliseconds", 100);
                if (ms is < 0 or > 600_000)
                {
                    throw new NonRetryableAgentException($"milliseconds must be 0..600000; got {ms}.");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(ms), time, cancellationToken);
                return new AgentResult(new JsonObject { ["waitedMs"] = ms }, $"Waited {ms} ms.");

            case "echo":
                return new AgentResult(invocation.Inputs.DeepClone(), $"Echoed {invocation.Inputs.Count} input(s).");

            case "fail":
                var times = ReadInt(invocation.Inputs, "times", int.MaxValue);
                var retryable = invocation.Inputs["retryable"]?.GetValue<bool>() ?? true;
                if (invocation.Attempt <= times)
                {
                    var message = invocation.GetString("message") ?? $"Deliberate failure on attempt {invocation.Attempt}.";
                    throw retryable ? new InvalidOperationException(message) : new NonRetryableAgentException(message);
                }

                return new AgentResult(new JsonObject { ["attempt"] = invocation.Attempt }, $"Succeeded on attempt {invocation.Attempt}.");

            default:
                throw new NonRetryableAgentException($"The system agent has no action '{invocation.Action}'.");
        }
    }

    private static int ReadInt(JsonObject inputs, string name, int fallback) => inputs[name] switch
    {
        null => fallback,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) => p,
        _ => throw new NonRetryableAgentException($"{name} must be a whole number."),
    };
}
