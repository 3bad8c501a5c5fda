namespace VoiceHub.Tests.Workflows;

/// <summary>Templates written for the engine tests into a temporary folder (VoiceHub:Workflows:ExtraTemplatesPath).</summary>
internal static class TestTemplates
{
    public static string WriteFolder()
    {
        var folder = Directory.CreateTempSubdirectory("voicehub-templates-").FullName;
        File.WriteAllText(Path.Combine(folder, "flaky.yaml"), """
            id: test-flaky
            name: Flaky step
            description: fails twice, then succeeds
            category: test
            steps:
              - id: flaky
                agent: system
                action: fail
                with: { times: 2 }
                retry: { maxAttempts: 3, initialInterval: 10ms }
              - id: after
                agent: system
                action: echo
                with: { attempt: "${steps.flaky.output.attempt}" }
            """);
        File.WriteAllText(Path.Combine(folder, "broken.yaml"), """
            id: test-broken
            name: Always failing
            description: a retryable failure that never stops, then a step that never runs
            category: test
            steps:
              - id: broken
                agent: system
                action: fail
                retry: { maxAttempts: 3, initialInterval: 10ms }
              - id: never
                agent: system
                action: echo
            """);
        File.WriteAllText(Path.Combine(folder, "fatal.yaml"), """
            id: test-fatal
            name: Non-retryable failure
            description: fails at once
            category: test
            steps:
              - id: fatal
                agent: system
                action: fail
                with: { retryable: false, message: "bad input" }
                retry: { maxAttempts: 5, initialInterval: 10ms }
            """);
        File.WriteAllText(Path.Combine(folder, "slow.yaml"), """
            id: test-slow
            name: Slow step
            description: a step that outlives its timeout
            category: test
            steps:
              - id: slow
                agent: system
                action: wait
                with: { milliseconds: 5000 }
                timeout: 100ms
                retry: { maxAttempts: 2, initialInterval: 10ms }
            """);
        File.WriteAllText(Path.Combine(folder, "long.yaml"), """
            id: test-long
            name: Long wait
            description: waits long enough to be canceled
            category: test
            inputs:
              - name: ms
                type: integer
                default: "60000"
            steps:
              - id: first
                agent: system
                action: echo
              - id: wait
                agent: system
                action: wait
                with: { milliseconds: "${inputs.ms}" }
              - id: last
                agent: system
                action: echo
            """);
        File.WriteAllText(Path.Combine(folder, "probe.yaml"), """
            id: test-probe
            name: Probe
            description: steps of the test probe agent, which counts executions
            category: test
            inputs:
              - name: tag
                type: string
                required: true
            steps:
              - id: one
                agent: probe
                action: run
                with: { tag: "${inputs.tag}", step: one }
              - id: two
                agent: probe
                action: run
                with: { tag: "${inputs.tag}", step: two }
              - id: three
                agent: probe
                action: run
                with: { tag: "${inputs.tag}", step: three }
            """);
        File.WriteAllText(Path.Combine(folder, "fan.yaml"), """
            id: test-fan
            name: Fan out
            description: two waits side by side after a first step, then a join
            category: test
            inputs:
              - name: fast
                type: integer
                default: "0"
              - name: slow
                type: integer
                default: "0"
            steps:
              - id: start
                agent: system
                action: echo
              - id: fast
                agent: system
                action: wait
                dependsOn: [start]
                with: { milliseconds: "${inputs.fast}" }
              - id: slow
                agent: system
                action: wait
                dependsOn: [start]
                with: { milliseconds: "${inputs.slow}" }
              - id: join
                agent: system
                action: echo
                dependsOn: [fast, slow]
            """);
        return folder;
    }
}
