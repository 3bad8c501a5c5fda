using System.Diagnostics;
using System.Globalization;
using System.Text;
using VoiceHub.ApiService.Agents.Http;
using VoiceHub.ApiService.Hooks;

namespace VoiceHub.ApiService.Webhooks;

/// <summary>What one attempt found: the receiver's status code (null when it was not reached), how long it took, and what went wrong.</summary>
public readonly record struct SendResult(int? StatusCode, TimeSpan Duration, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Sends one delivery, signed per Standard Webhooks (<c>webhook-id</c> = the message id, the same on every
/// attempt; <c>webhook-timestamp</c>; <c>webhook-signature: v1,…</c>). Only a 2xx counts as delivered;
/// redirects are not followed (a 3xx is a failure naming its Location) and refused addresses are named.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider time)
{
    public const string ClientName = "webhooks";
    private const int MaxErrorLength = 300;

    public async Task<SendResult> SendAsync(string url, string secret, PendingDelivery delivery, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(HookSignatures.IdHeader, delivery.MessageId);
        request.Headers.TryAddWithoutValidation(HookSignatures.TimestampHeader, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(HookSignatures.SignatureHeader, HookSignatures.StandardSignature(secret, delivery.MessageId, now, delivery.Body));
        request.Headers.UserAgent.ParseAdd("VoiceHub-Webhooks/1.0");

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var code = (int)response.StatusCode;
            var elapsed = Stopwatch.GetElapsedTime(started);
            return code switch
            {
                >= 200 and < 300 => new SendResult(code, elapsed, null),
                >= 300 and < 400 => new SendResult(code, elapsed, $"Redirects are not followed (to '{Shorten(response.Headers.Location?.ToString() ?? "nowhere")}'); subscribe the final URL."),
                _ => new SendResult(code, elapsed, $"The receiver answered {code} {Shorten(response.ReasonPhrase ?? "")}".TrimEnd()),
            };
        }
        catch (Exception ex) when (AddressRefusedException.In(ex) is { } refused)
        {
            return new SendResult(null, Stopwatch.GetElapsedTime(started), Shorten(refused.Message));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var reason = ex is TaskCanceledException ? "The receiver did not answer in time." : ex.Message;
            return new SendResult(null, Stopwatch.GetElapsedTime(started), Shorten(reason));
        }
    }

    private static string Shorten(string text) => text.Length > MaxErrorLength ? text[..MaxErrorLength] + "…" : text;
}
