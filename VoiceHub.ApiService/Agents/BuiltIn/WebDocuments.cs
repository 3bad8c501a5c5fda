using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using VoiceHub.ApiService.Agents.Http;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>
/// Fetches documents for the research agent from allow-listed URLs (the http agent's host list and
/// connection guard), as text: HTML is parsed (AngleSharp) and loses its scripts, styles and markup;
/// anything else is read as it is. Redirects are not followed: a 3xx fails like any non-200.
/// </summary>
public static class WebDocuments
{
    /// <summary>More than this is not read: a research source, not a download.</summary>
    public const int MaxBytes = 1024 * 1024;

    private static readonly HashSet<string> Dropped = new(["script", "style", "noscript", "template", "head", "svg", "iframe", "object"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> Blocks = new(
        ["p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "h1", "h2", "h3", "h4", "h5", "h6",
         "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "blockquote", "pre", "br", "hr", "figure", "figcaption"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>The URL as a checked absolute http(s) address on an allowed host and port, or a refusal that says why.</summary>
    public static Uri Check(string url, HttpAgentOptions options)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new NonRetryableAgentException($"'{url}' is not an absolute http or https URL.");
        }

        if (!options.IsAllowed(uri))
        {
            throw new NonRetryableAgentException(
                $"Host '{uri.Host}' port {uri.Port} is not allowed; add '{uri.Authority}' to {HttpAgentOptions.SectionName}:AllowedHosts to let agents read it.");
        }

        return uri;
    }

    public static async Task<string> FetchTextAsync(HttpClient client, Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await HttpAgent.SendAsync(client, request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"{uri} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, length);
        return response.Content.Headers.ContentType?.MediaType is "text/html" or "application/xhtml+xml" ? HtmlToText(text) : text;
    }

    /// <summary>The text a reader sees: parsed as a browser would, without scripts, styles or head, blocks as paragraphs.</summary>
    public static string HtmlToText(string html)
    {
        using var document = new HtmlParser().ParseDocument(html);
        var text = new StringBuilder();
        // A stack, not recursion: a hostile page can nest elements deeper than the call stack allows.
        var pending = new Stack<(INode Node, bool Closing)>();
        pending.Push((document.Body ?? (INode)document, false));
        while (pending.Count > 0)
        {
            var (node, closing) = pending.Pop();
            if (closing)
            {
                text.Append("\n\n");
                continue;
            }

            if (node is IText textNode)
            {
                text.Append(textNode.Data);
                continue;
            }

            if (node is IElement element && Dropped.Contains(element.LocalName))
            {
                continue;
            }

            if (node is IElement block && Blocks.Contains(block.LocalName))
            {
                pending.Push((node, true));
            }

            for (var child = node.LastChild; child is not null; child = child.PreviousSibling)
            {
                pending.Push((child, false));
            }
        }

        return text.ToString();
    }
}
