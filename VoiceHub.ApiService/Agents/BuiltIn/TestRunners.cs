using VoiceHub.ApiService.Agents.Processes;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>
/// A test runner the test agent can use: a name a template input may carry, and the command the hub
/// builds for it from fixed words. Nothing a user types is ever added to <see cref="Command"/>.
/// </summary>
public sealed record TestRunner(string Name, CommandLine Command, IReadOnlyDictionary<string, string> Environment);

/// <summary>The test runners the hub knows (setting <c>VoiceHub:Agents:TestRunners</c> chooses which are enabled).</summary>
public static class TestRunners
{
    /// <summary>The runner choice that picks a runner from the folder's files.</summary>
    public const string Auto = "auto";

    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public static readonly IReadOnlyList<TestRunner> All =
    [
        new("dotnet", CommandLine.Of("dotnet", "test"), None),
        // TAP, whatever node's default reporter is: that is what the summary parser reads.
        new("node", CommandLine.Of("node", "--test", "--test-reporter=tap"), None),
        new("npm", CommandLine.Of("npm", "test"), new Dictionary<string, string>
        {
            ["npm_config_update_notifier"] = "false", ["npm_config_fund"] = "false", ["npm_config_audit"] = "false",
        }),
        new("pytest", CommandLine.Of("pytest", "-p", "no:cacheprovider"), None),
        new("go", CommandLine.Of("go", "test", "./..."), None),
    ];

    /// <summary>Every value the runner input accepts: <see cref="Auto"/> and each runner's name.</summary>
    public static IReadOnlyList<string> Choices => [Auto, .. All.Select(r => r.Name)];

    public static TestRunner? Find(string name) =>
        All.FirstOrDefault(r => string.Equals(r.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
