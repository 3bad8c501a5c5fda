using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Agents.Http;
using VoiceHub.ApiService.Agents.Workspace;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>
/// Finds what the workspace's Markdown and text documents say about a topic, ranked with BM25 over
/// passages; with <c>urls</c>, pages fetched from allow-listed hosts are ranked with them.
/// </summary>
public sealed class ResearchAgent(
    WorkspaceFolder workspace, IHttpClientFactory? http = null, IOptions<HttpAgentOptions>? httpOptions = null) : IAgent
{
    private static readonly HashSet<string> DocumentExtensions = new([".md", ".markdown", ".txt", ".rst"], StringComparer.OrdinalIgnoreCase);
    private const int MaxQuoted = 600;

    public string Name => "research";

    public string Description => "Searches the workspace's documents (.md, .txt, .rst) for a topic with BM25 and quotes the best passages.";

    public IReadOnlyList<AgentAction> Actions { get; } =
    [
        new("search", "Ranks passages of the documents under `path` (default: the whole workspace) and of the pages at `urls` (allow-listed hosts) for `topic`; returns the top `count` (default 5) with file or URL, line and score."),
    ];

    public async Task<AgentResult> ExecuteAsync(AgentInvocation invocation, CancellationToken cancellationToken)
    {
        if (!string.Equals(invocation.Action, "search", StringComparison.OrdinalIgnoreCase))
        {
            throw this.UnknownAction(invocation);
        }

        var topic = invocation.Required("topic");
        var count = invocation.Int("count", 5, 1, 50);
        var terms = Bm25Index.Tokenize(topic);
        if (terms.Count == 0)
        {
            throw new NonRetryableAgentException($"The topic '{topic}' has no words to search for (only stop words or symbols).");
        }

        var index = new Bm25Index();
        var documents = await IndexWorkspaceAsync(invocation.Optional("path"), index, cancellationToken)
                        + await IndexUrlsAsync(invocation, index, cancellationToken);

        var results = index.Search(terms, count);
        var output = new JsonObject
        {
            ["topic"] = topic,
            ["terms"] = new JsonArray(terms.Distinct().Select(t => (JsonNode)JsonValue.Create(t)).ToArray()),
            ["documents"] = documents,
            ["passagesSearched"] = index.Count,
            ["passages"] = new JsonArray(results.Select(r => (JsonNode)new JsonObject
            {
                ["file"] = r.Passage.File,
                ["line"] = r.Passage.Line,
                ["heading"] = r.Passage.Heading,
                ["score"] = Math.Round(r.Score, 4),
                ["text"] = Quote(r.Passage.Text),
            }).ToArray()),
        };
        output["markdown"] = Render(topic, documents, results);

        var summary = results.Count == 0
            ? $"No passage in {documents} document(s) mentions '{topic}'."
            : $"{results.Count} passage(s) about '{topic}' from {documents} document(s); best: {results[0].Passage.File}:{results[0].Passage.Line}.";
        return new AgentResult(output, summary);
    }

    /// <summary>Adds the passages of the workspace's documents under <paramref name="path"/>; returns how many documents were read.</summary>
    private async Task<int> IndexWorkspaceAsync(string? path, Bm25Index index, CancellationToken cancellationToken)
    {
        var documents = 0;
        foreach (var file in workspace.EnumerateFiles(path, name => DocumentExtensions.Contains(Path.GetExtension(name)), cancellationToken))
        {
            if (await workspace.ReadTextAsync(file, cancellationToken) is not { } text)
            {
                continue;
            }

            documents++;
            foreach (var passage in DocumentPassages.Split(file.RelativePath, text))
            {
                index.Add(passage);
            }
        }

        return documents;
    }

    /// <summary>Adds the passages of the pages at <c>urls</c> (allow-listed hosts only); returns how many pages were read.</summary>
    private async Task<int> IndexUrlsAsync(AgentInvocation invocation, Bm25Index index, CancellationToken cancellationToken)
    {
        var documents = 0;
        foreach (var url in Urls(invocation))
        {
            if (http is null)
            {
                throw new NonRetryableAgentException("Reading URLs needs the http agent's client, which this service does not register.");
            }

            var uri = WebDocuments.Check(url, httpOptions?.Value ?? new HttpAgentOptions());
            var text = await WebDocuments.FetchTextAsync(http.CreateClient(HttpAgentExtensions.HttpClientName), uri, cancellationToken);
            documents++;
            foreach (var passage in DocumentPassages.Split(uri.ToString(), text))
            {
                index.Add(passage);
            }
        }

        return documents;
    }

    /// <summary>The <c>urls</c> input: a JSON array of strings, or one string of URLs separated by spaces or commas.</summary>
    private static IEnumerable<string> Urls(AgentInvocation invocation) => invocation.Inputs["urls"] switch
    {
        JsonArray array => array.Select(u => u?.ToString() ?? "").Where(u => u.Length > 0),
        JsonValue value when value.TryGetValue<string>(out var text) => text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries),
        _ => [],
    };

    private static string Quote(string text) => text.Length <= MaxQuoted ? text : text[..MaxQuoted].TrimEnd() + " …";

    private static string Render(string topic, int documents, IReadOnlyList<(Passage Passage, double Score)> results)
    {
        var text = new StringBuilder($"{results.Count} passage(s) about “{topic}” in {documents} document(s), ranked by BM25.\n\n");
        foreach (var (passage, score) in results)
        {
            var heading = passage.Heading is null ? "" : $" — {passage.Heading}";
            text.Append($"- {Markdown.Code($"{passage.File}:{passage.Line}")}{heading} (score {Markdown.Number(score)})\n");
            foreach (var line in Quote(passage.Text).Split('\n'))
            {
                text.Append("  > ").Append(line).Append('\n');
            }
        }

        return text.Append('\n').ToString();
    }
}
