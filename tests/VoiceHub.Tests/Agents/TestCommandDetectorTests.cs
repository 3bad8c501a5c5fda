using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Agents.BuiltIn;

namespace VoiceHub.Tests.Agents;

public sealed class TestCommandDetectorTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("voicehub-detect-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("package.json", "npm")]
    [InlineData("App.csproj", "dotnet")]
    [InlineData("Hub.sln", "dotnet")]
    [InlineData("go.mod", "go")]
    [InlineData("test_orders.py", "pytest")]
    [InlineData("math.test.js", "node")]
    public void Runner_is_picked_from_the_files_that_mark_each_toolchain(string file, string expected)
    {
        File.WriteAllText(Path.Combine(_folder.FullName, file), "");

        Assert.Equal(expected, TestCommandDetector.Detect(_folder).Name);
    }

    [Fact]
    public void Folder_without_tests_asks_for_the_runner()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "notes.txt"), "");

        var error = Assert.Throws<NonRetryableAgentException>(() => TestCommandDetector.Detect(_folder));

        Assert.Contains("name the runner", error.Message);
    }
}
