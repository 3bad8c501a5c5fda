namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>
/// Picks the test runner for a folder from the files that mark each toolchain, so "run the tests
/// in samples/web" works without naming the runner. The chosen runner still has to be enabled.
/// </summary>
public static class TestCommandDetector
{
    public static TestRunner Detect(DirectoryInfo folder)
    {
        bool Has(string pattern) => folder.EnumerateFiles(pattern, SearchOption.TopDirectoryOnly).Any();

        var name =
            Has("package.json") ? "npm"
            : Has("*.sln") || Has("*.slnx") || Has("*.csproj") || Has("*.fsproj") ? "dotnet"
            : Has("go.mod") ? "go"
            : Has("pytest.ini") || Has("pyproject.toml") || Has("conftest.py") || Has("test_*.py") ? "pytest"
            : Has("*.test.js") || Has("*.test.mjs") || folder.EnumerateDirectories("test").Any() ? "node"
            : null;
        return name is not null ? TestRunners.Find(name)! : throw new NonRetryableAgentException(
            $"Could not tell which test runner '{folder.Name}' uses (no package.json, .sln/.csproj, go.mod, pytest files or *.test.js); " +
            $"name the runner: one of {string.Join(", ", TestRunners.All.Select(r => r.Name))}.");
    }
}
