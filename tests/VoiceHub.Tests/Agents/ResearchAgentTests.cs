using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Agents.BuiltIn;

namespace VoiceHub.Tests.Agents;

public sealed class ResearchAgentTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly ResearchAgent _agent;

    public ResearchAgentTests() => _agent = new ResearchAgent(_workspace.Folder);

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Best_passage_for_the_topic_comes_first_with_file_line_and_score()
    {
        _workspace.Write("docs/guide.md", """
            # Guide

            VoiceHub runs workflows of steps.

            ## Retries

            A failed step is retried with exponential backoff.
            Retries stop after the maximum number of attempts.

            ## Redis

            State lives in Redis so replicas share it.
            """);
        _workspace.Write("notes.txt", "Backoff is also used by HTTP clients.\n");
        _workspace.Write("node_modules/pkg/README.md", "retries backoff retries backoff retries backoff\n");
        _workspace.Write("code.cs", "// retries backoff\n");

        var output = (await _agent.RunAsync("search", new { topic = "retries with backoff" })).Out();

        var passages = output["passages"]!.AsArray();
        Assert.Equal(2, output["documents"]!.GetValue<int>());
        Assert.Equal("docs/guide.md", passages[0]!["file"]!.GetValue<string>());
        Assert.Equal(7, passages[0]!["line"]!.GetValue<int>());
        Assert.Equal("Retries", passages[0]!["heading"]!.GetValue<string>());
        Assert.StartsWith("A failed step is retried", passages[0]!["text"]!.GetValue<string>());
        Assert.Equal("notes.txt", passages[1]!["file"]!.GetValue<string>());
        Assert.True(passages[0]!["score"]!.GetValue<double>() > passages[1]!["score"]!.GetValue<double>());
        Assert.Equal(2, passages.Count); // passages without the words score zero and are left out
    }

    [Fact]
    public void Bm25_scores_match_the_formula()
    {
        var index = new Bm25Index();
        index.Add(new Passage("a.md", 1, null, "redis redis cache"));
        index.Add(new Passage("b.md", 1, null, "cache only here"));

        var results = index.Search(["redis"], 5);

        // N = 2, df = 1: idf = ln(1 + 1.5/1.5) = ln 2; tf = 2, |d| = 3, avgdl = 3 (stop words dropped)
        var expected = Math.Log(2) * 2 * (Bm25Index.K1 + 1) / (2 + Bm25Index.K1);
        Assert.Single(results);
        Assert.Equal(expected, results[0].Score, 9);
    }

    [Fact]
    public async Task Topic_of_only_stop_words_is_refused()
    {
        await Assert.ThrowsAsync<NonRetryableAgentException>(() => _agent.RunAsync("search", new { topic = "the of and" }));
    }

    [Fact]
    public async Task Search_path_outside_the_workspace_is_refused()
    {
        await Assert.ThrowsAsync<NonRetryableAgentException>(() => _agent.RunAsync("search", new { topic = "redis", path = "../.." }));
    }
}
