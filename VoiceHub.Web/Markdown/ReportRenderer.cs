using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Components;

namespace VoiceHub.Web.Markdown;

/// <summary>
/// Renders the Markdown reports agents write. Raw HTML in the Markdown is escaped, not passed
/// through: a report quotes code and data it did not write, so it must not inject markup.
/// Images that name another artifact of the workflow (<c>![chart](chart.svg)</c>) are inlined
/// as data URIs, because the browser never calls the API itself. Every other link or image must
/// point to an http(s) or relative target (<see cref="LinkTargets"/>); the rest is shown as text.
/// </summary>
public sealed class ReportRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    /// <param name="markdown">The report.</param>
    /// <param name="artifactImage">Data URI of an artifact by name, or null when there is none.</param>
    /// <param name="embedded">Names of the artifacts the report showed as images.</param>
    public MarkupString Render(string markdown, Func<string, string?> artifactImage, out IReadOnlySet<string> embedded)
    {
        var document = Markdig.Markdown.Parse(markdown, _pipeline);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (link is { IsImage: true, Url: { } url } && LinkTargets.IsSafe(url) && artifactImage(url) is { } dataUri)
            {
                link.Url = dataUri;
                used.Add(url);
            }
            else if (!LinkTargets.IsSafe(link.Url))
            {
                link.ReplaceBy(new LiteralInline(link.IsImage ? $"[image: {Label(link)}]" : Label(link)));
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().Where(a => !a.IsEmail && !LinkTargets.IsSafe(a.Url)).ToList())
        {
            autolink.ReplaceBy(new LiteralInline(autolink.Url));
        }

        embedded = used;
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return new MarkupString(writer.ToString());
    }

    /// <summary>The words of a link (its label's text), for showing a refused link as text.</summary>
    private static string Label(LinkInline link) =>
        string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString())) is { Length: > 0 } text ? text : link.Url ?? "";
}
