namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>
/// Picks the test command for a folder from the files that mark each toolchain, so "run the tests
/// in samples/web" works without naming the runner. The chosen command still has to be allow-listed.
/// </summary>
public static class TestCommandDetector
{
    public const string Auto = "auto";

    public static string Detect(DirectoryInfo folder)
    {
        bool Has(string pattern) => folder.EnumerateFiles(pattern, SearchOption.TopDirectoryOnly).Any();

        if (Has("package.json"))
        {
            return "npm test";
        }

        if (Has("*.sln") || Has("*.slnx") || Has("*.csproj") || Has("*.fsproj"))
        {
            return "dotnet test";
        }

        if (Has("go.mod"))
        {
            return "go test ./...";
        }

        if (Has("pytest.ini") || Has("pyproject.toml") || Has("conftest.py") || Has("test_*.py"))
        {
            return "pytest";
        }

        if (Has("*.test.js") || Has("*.test.mjs") || folder.EnumerateDirectories("test").Any())
        {
            return "node --test";
        }

        throw new NonRetryableAgentException(
            $"Could not tell which test runner '{folder.Name}' uses (no package.json, .sln/.csproj, go.mod, pytest files or *.test.js); " +
            "name the command, e.g. \"node --test\".");
    }
}
