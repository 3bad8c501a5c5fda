using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Agents.Processes;

/// <summary>How built-in agents run programs (section <c>VoiceHub:Agents</c>).</summary>
public sealed class ProcessOptions : IValidatedOptions
{
    public static string SectionName => "VoiceHub:Agents";

    /// <summary>
    /// Names of the test runners the test agent may use (<see cref="BuiltIn.TestRunners"/>); null or
    /// empty means all of them. Left null because the configuration binder appends to a pre-filled list.
    /// </summary>
    public List<string>? TestRunners { get; set; }

    /// <summary>Longest a command may run before it is killed with its child processes.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Characters of output kept (the start and, mostly, the end, where summaries are).</summary>
    public int MaxOutputCharacters { get; set; } = 256 * 1024;

    public IReadOnlyList<string> EnabledTestRunners =>
        TestRunners is { Count: > 0 } names
            ? names.Select(n => n.Trim().ToLowerInvariant()).Where(n => n.Length > 0).Distinct().ToList()
            : BuiltIn.TestRunners.All.Select(r => r.Name).ToList();

    public IEnumerable<string> Problems()
    {
        if (CommandTimeout <= TimeSpan.Zero || MaxOutputCharacters < 1024)
        {
            yield return "CommandTimeout must be positive and MaxOutputCharacters at least 1024.";
        }

        if (!EnabledTestRunners.All(n => BuiltIn.TestRunners.Find(n) is not null))
        {
            yield return $"TestRunners names test runners; known: {string.Join(", ", BuiltIn.TestRunners.All.Select(r => r.Name))}.";
        }
    }
}
