using Markdig;
using Microsoft.AspNetCore.Components;

namespace VoiceHub.Web.Markdown;

/// <summary>
/// Renders the Markdown reports agents write. Raw HTML in the Markdown is escaped, not passed
/// through: a report quotes code and data it did not write, so it must not inject markup.
/// </summary>
public sealed class ReportRenderer
{
    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    public MarkupString Render(string markdown) => new(Markdig.Markdown.ToHtml(markdown, pipeline));
}
