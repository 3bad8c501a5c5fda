using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using VoiceHub.ApiService.Agents;

namespace VoiceHub.Tests.Workflows;

/// <summary>
/// A test agent shared by several API instances in one test: counts how often each step of each
/// workflow ran, and can hold a step until the test releases it (to kill a worker mid-step).
/// </summary>
public sealed class ProbeAgent : IAgent
{
    public ConcurrentDictionary<string, int> Runs { get; } = new();

    public ConcurrentDictionary<string, int> Concurrent { get; } = new();

    public int MaxConcurrentPerWorkflow;

    /// <summary>When set, step "two" waits here (token-aware) before finishing.</summary>
    public TaskCompletionSource? HoldStepTwo { get; set; }

    public TaskCompletionSource StepTwoEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => "probe";

    public string Description => "test probe";

    public IReadOnlyList<AgentAction> Actions { get; } = [new("run", "counts")];

    public async Task<AgentResult> ExecuteAsync(AgentInvocation invocation, CancellationToken cancellationToken)
    {
        var tag = invocation.GetString("tag")!;
        var step = invocation.GetString("step")!;
        var running = Concurrent.AddOrUpdate(tag, 1, (_, n) => n + 1);
        InterlockedMax(ref MaxConcurrentPerWorkflow, running);
        try
        {
            if (step == "two")
            {
                StepTwoEntered.TrySetResult();
                if (HoldStepTwo is { } hold)
                {
                    await hold.Task.WaitAsync(cancellationToken);
                }
            }

            await Task.Delay(5, cancellationToken);
            Runs.AddOrUpdate($"{tag}/{step}", 1, (_, n) => n + 1);
            return new AgentResult(new JsonObject { ["step"] = step }, $"probe {step}");
        }
        finally
        {
            Concurrent.AddOrUpdate(tag, 0, (_, n) => n - 1);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
