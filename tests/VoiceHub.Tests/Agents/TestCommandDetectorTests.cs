using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Agents.BuiltIn;

namespace VoiceHub.Tests.Agents;

public sealed class TestCommandDetectorTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("voicehub-detect-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("package.json", "npm test")]
    [InlineData("App.csproj", "dotnet test")]
    [InlineData("Hub.sln", "dotnet test")]
    [InlineData("go.mod", "go test ./...")]
    [InlineData("test_orders.py", "pytest")]
    [InlineData("math.test.js", "node --test")]
    public void Runner_is_picked_from_the_files_that_mark_each_toolchain(string file, string expected)
    {
        File.WriteAllText(Path.Combine(_folder.FullName, file), "");

        Assert.Equal(expected, TestCommandDetector.Detect(_folder));
    }

    [Fact]
    public void Folder_without_tests_asks_for_the_command()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "notes.txt"), "");

        var error = Assert.Throws<NonRetryableAgentException>(() => TestCommandDetector.Detect(_folder));

        Assert.Contains("name the command", error.Message);
    }
}
