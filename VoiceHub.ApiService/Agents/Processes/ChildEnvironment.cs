namespace VoiceHub.ApiService.Agents.Processes;

/// <summary>
/// The environment a child process gets: empty, then only what a toolchain needs to find its home,
/// language and temp folder, plus fixed values that turn off colours, prompts, pagers, telemetry and
/// build servers. Connection strings, keys, OTEL_* and anything else of the API's never reach it.
/// </summary>
public static class ChildEnvironment
{
    /// <summary>Variables copied from the API's own environment when set.</summary>
    public static readonly IReadOnlySet<string> Passed = new HashSet<string>(
        ["HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "TEMP", "TMP", "DOTNET_ROOT", "DOTNET_CLI_HOME",
         // Windows cannot start most programs without these.
         "SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT", "USERPROFILE", "APPDATA", "LOCALAPPDATA", "PROGRAMDATA"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Prefixes of variables copied from the API's own environment.</summary>
    public static readonly IReadOnlyList<string> PassedPrefixes = ["LC_"];

    /// <summary>Set for every child, whatever the API's environment says.</summary>
    public static readonly IReadOnlyDictionary<string, string> Fixed = new Dictionary<string, string>
    {
        // No colours, prompts or pagers: output is parsed, and nobody is there to answer.
        ["NO_COLOR"] = "1",
        ["TERM"] = "dumb",
        ["NODE_DISABLE_COLORS"] = "1",
        ["GIT_TERMINAL_PROMPT"] = "0",
        ["GIT_PAGER"] = "cat",
        ["PAGER"] = "cat",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        // Build servers would outlive `dotnet test` holding its output pipe open.
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["UseSharedCompilation"] = "false",
        ["PYTHONDONTWRITEBYTECODE"] = "1",
        // go must not download another toolchain because a go.mod asks for one.
        ["GOTOOLCHAIN"] = "local",
    };

    /// <summary>
    /// Fills <paramref name="target"/> (a ProcessStartInfo's environment, cleared here) from
    /// <paramref name="parent"/>, the safe PATH, and the command's own fixed extras.
    /// </summary>
    public static void Apply(
        IDictionary<string, string?> target,
        IReadOnlyDictionary<string, string> parent,
        IReadOnlyList<string> safePath,
        IReadOnlyDictionary<string, string>? extras)
    {
        target.Clear();
        foreach (var (name, value) in parent)
        {
            if (Passed.Contains(name) || PassedPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                target[name] = value;
            }
        }

        target["PATH"] = string.Join(Path.PathSeparator, safePath);
        foreach (var (name, value) in Fixed.Concat(extras ?? new Dictionary<string, string>()))
        {
            target[name] = value;
        }
    }

    /// <summary>The API's environment as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> Current() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
}
