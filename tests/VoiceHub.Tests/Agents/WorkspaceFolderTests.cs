using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Agents.Workspace;

namespace VoiceHub.Tests.Agents;

public sealed class WorkspaceFolderTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Relative_and_absolute_paths_inside_resolve()
    {
        var file = _workspace.Write("src/app.cs", "class A {}");

        Assert.Equal(file, _workspace.Folder.Resolve("src/app.cs"));
        Assert.Equal(file, _workspace.Folder.Resolve(file));
        Assert.Equal(file, _workspace.Folder.Resolve("src/../src/app.cs"));
        Assert.Equal(_workspace.Root, _workspace.Folder.Resolve(null));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../outside.txt")]
    [InlineData("src/../../outside.txt")]
    public void Dot_dot_escapes_are_refused_naming_the_path(string path)
    {
        _workspace.WriteOutside("outside.txt", "secret");

        var error = Assert.Throws<NonRetryableAgentException>(() => _workspace.Folder.Resolve(path));

        Assert.Contains($"'{path}'", error.Message);
        Assert.Contains("outside the workspace", error.Message);
        Assert.DoesNotContain(_workspace.Root, error.Message);
    }

    [Fact]
    public void Absolute_path_outside_is_refused()
    {
        var outside = _workspace.WriteOutside("outside.txt", "secret");

        var error = Assert.Throws<NonRetryableAgentException>(() => _workspace.Folder.Resolve(outside));

        Assert.Contains(outside, error.Message);
        Assert.Throws<NonRetryableAgentException>(() => _workspace.Folder.Resolve("/etc/passwd"));
    }

    [Fact]
    public void Symlinked_folder_pointing_outside_is_refused()
    {
        _workspace.WriteOutside("outside.txt", "secret");
        Directory.CreateSymbolicLink(Path.Combine(_workspace.Root, "escape"), _workspace.Parent);

        var error = Assert.Throws<NonRetryableAgentException>(() => _workspace.Folder.Resolve("escape/outside.txt"));

        Assert.Contains("symbolic link", error.Message);
        Assert.Contains("escape/outside.txt", error.Message);
    }

    [Fact]
    public void Symlinked_file_pointing_outside_is_refused_and_left_out_of_walks()
    {
        var outside = _workspace.WriteOutside("outside.md", "secret");
        File.CreateSymbolicLink(Path.Combine(_workspace.Root, "link.md"), outside);
        _workspace.Write("inside.md", "fine");

        Assert.Throws<NonRetryableAgentException>(() => _workspace.Folder.Resolve("link.md"));
        var files = _workspace.Folder.EnumerateFiles(null, null, CancellationToken.None).Select(f => f.RelativePath).ToList();
        Assert.Equal(["inside.md"], files);
    }

    [Fact]
    public void Relative_symlink_chain_that_ends_outside_is_refused()
    {
        Directory.CreateDirectory(Path.Combine(_workspace.Root, "a"));
        Directory.CreateSymbolicLink(Path.Combine(_workspace.Root, "a", "up"), "..");
        Directory.CreateSymbolicLink(Path.Combine(_workspace.Root, "b"), "a/up/..");

        Assert.Throws<NonRetryableAgentException>(() => _workspace.Folder.Resolve("b"));
    }

    [Fact]
    public void Symlink_staying_inside_is_allowed()
    {
        _workspace.Write("real/data.csv", "a\n1\n");
        Directory.CreateSymbolicLink(Path.Combine(_workspace.Root, "alias"), Path.Combine(_workspace.Root, "real"));

        Assert.Equal(Path.Combine(_workspace.Root, "alias", "data.csv"), _workspace.Folder.Resolve("alias/data.csv"));
    }

    [Fact]
    public void Walks_skip_build_output_tool_state_and_dependencies()
    {
        _workspace.Write("src/keep.cs", "");
        foreach (var skipped in WorkspaceFolder.SkippedFolders)
        {
            _workspace.Write($"{skipped}/skip.cs", "");
            _workspace.Write($"src/{skipped}/skip.cs", "");
        }

        var files = _workspace.Folder.EnumerateFiles(".", null, CancellationToken.None).Select(f => f.RelativePath).ToList();

        Assert.Equal(["src/keep.cs"], files);
    }

    [Fact]
    public void Default_root_is_the_git_repository_holding_the_content_root()
    {
        Directory.CreateDirectory(Path.Combine(_workspace.Root, ".git"));
        var project = Directory.CreateDirectory(Path.Combine(_workspace.Root, "src", "Api")).FullName;

        Assert.Equal(_workspace.Root, new WorkspaceOptions().ResolveRoot(project));
        Assert.Equal(project, new WorkspaceOptions { Root = "." }.ResolveRoot(project));
    }
}
