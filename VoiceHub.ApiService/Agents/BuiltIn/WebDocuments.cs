using System.Net;
using System.Text.RegularExpressions;
using VoiceHub.ApiService.Agents.Http;

namespace VoiceHub.ApiService.Agents.BuiltIn;

/// <summary>
/// Fetches documents for the research agent from allow-listed URLs (the http agent's host list),
/// as text: HTML loses its scripts, styles and tags; anything else is read as it is.
/// </summary>
public static partial class WebDocuments
{
    /// <summary>More than this is not read: a research source, not a download.</summary>
    public const int MaxBytes = 1024 * 1024;

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?</\1\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<(br|/p|/div|/h[1-6]|/li|/tr)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    /// <summary>The URL as a checked absolute http(s) address on an allowed host, or a refusal that says why.</summary>
    public static Uri Check(string url, IReadOnlyList<string> allowedHosts)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new NonRetryableAgentException($"'{url}' is not an absolute http or https URL.");
        }

        if (!allowedHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase) && !allowedHosts.Contains(uri.Authority, StringComparer.OrdinalIgnoreCase))
        {
            throw new NonRetryableAgentException(
                $"Host '{uri.Host}' is not allowed; add it to {HttpAgentOptions.Section}:AllowedHosts to let agents read it.");
        }

        return uri;
    }

    public static async Task<string> FetchTextAsync(HttpClient client, Uri uri, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
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

        var text = System.Text.Encoding.UTF8.GetString(buffer, 0, length);
        return response.Content.Headers.ContentType?.MediaType is "text/html" or "application/xhtml+xml" ? HtmlToText(text) : text;
    }

    public static string HtmlToText(string html)
    {
        var text = ScriptOrStyle().Replace(html, " ");
        text = BlockEnd().Replace(text, "\n\n");
        text = Tag().Replace(text, " ");
        return WebUtility.HtmlDecode(text);
    }
}
