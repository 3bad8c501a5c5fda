using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using StandardWebhooks;
using VoiceHub.ApiService.Platform.Secrets;

namespace VoiceHub.ApiService.Hooks;

/// <summary>What checking a delivery's signature found.</summary>
public abstract record SignatureCheck
{
    /// <summary>Signed with the hook's secret. <see cref="ReplayKey"/> is what makes the delivery unique.</summary>
    public sealed record Verified(string Scheme, string DeliveryId, string ReplayKey) : SignatureCheck;

    /// <summary>Not signed, or not with the hook's secret (401).</summary>
    public sealed record Refused(string Detail) : SignatureCheck;
}

/// <summary>
/// Verifies an inbound delivery, signed either the GitHub way (<c>X-Hub-Signature-256: sha256=&lt;hex
/// HMAC-SHA256 of the body, keyed with the secret's text&gt;</c>) or the Standard Webhooks way
/// (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of
/// "id.timestamp.body", keyed with the secret's base64 part&gt;</c>). Comparisons take constant time.
/// </summary>
public static class HookSignatures
{
    public const string GitHubSignatureHeader = "X-Hub-Signature-256";
    public const string GitHubDeliveryHeader = "X-GitHub-Delivery";
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    private const int MaxHeaderLength = 2048;

    public static SignatureCheck Verify(string secret, IHeaderDictionary headers, byte[] body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (headers.ContainsKey(SignatureHeader))
        {
            return VerifyStandard(secret, headers, body, now, tolerance);
        }

        if (headers.ContainsKey(GitHubSignatureHeader))
        {
            return VerifyGitHub(secret, headers, body);
        }

        return new SignatureCheck.Refused(
            $"The delivery is not signed: send {GitHubSignatureHeader} (GitHub) or {IdHeader}, {TimestampHeader} and {SignatureHeader} (Standard Webhooks), made with the hook's secret.");
    }

    /// <summary>GitHub's signature, <c>sha256=</c> + lowercase hex of HMAC-SHA256(UTF-8 of the secret, body).</summary>
    public static string GitHubSignature(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static SignatureCheck VerifyGitHub(string secret, IHeaderDictionary headers, byte[] body)
    {
        var given = headers[GitHubSignatureHeader].ToString().Trim();
        var expected = GitHubSignature(secret, body);
        if (given.Length > MaxHeaderLength || !FixedTimeEquals(given.ToLowerInvariant(), expected))
        {
            return new SignatureCheck.Refused($"{GitHubSignatureHeader} does not match the body: sign the exact body bytes with the hook's secret (HMAC-SHA256, sha256=<hex>).");
        }

        // GitHub's signature does not cover the delivery header, so the signature itself (which is bound
        // to the body) is what a replay would repeat.
        var delivery = headers[GitHubDeliveryHeader].ToString();
        var deliveryId = delivery.Length is > 0 and <= 200 ? delivery : expected[7..23];
        return new SignatureCheck.Verified("github", deliveryId, "gh:" + expected);
    }

    private static SignatureCheck VerifyStandard(string secret, IHeaderDictionary headers, byte[] body, DateTimeOffset now, TimeSpan tolerance)
    {
        var id = headers[IdHeader].ToString();
        var timestampText = headers[TimestampHeader].ToString();
        var signatures = headers[SignatureHeader].ToString();
        if (id.Length is 0 or > 200 || signatures.Length > MaxHeaderLength)
        {
            return new SignatureCheck.Refused($"{IdHeader} must be 1-200 characters and {SignatureHeader} at most {MaxHeaderLength}.");
        }

        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 32503680000)
        {
            return new SignatureCheck.Refused($"{TimestampHeader} must be the sending time in Unix seconds; got '{Shorten(timestampText)}'.");
        }

        var sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((now - sentAt).Duration() > tolerance)
        {
            return new SignatureCheck.Refused(
                $"{TimestampHeader} {seconds} is {(now - sentAt).Duration().TotalSeconds:0} s from the hub's clock, more than the {tolerance.TotalSeconds:0} s allowed: send deliveries when they are signed, from a clock that is on time.");
        }

        if (!TryDecodeUtf8(body, out var payload))
        {
            return new SignatureCheck.Refused("The body is not UTF-8 text, so it cannot carry a Standard Webhooks signature.");
        }

        var expected = StandardSignature(secret, id, sentAt, payload);
        var matches = signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(candidate => FixedTimeEquals(candidate, expected));
        return matches > 0
            ? new SignatureCheck.Verified("standard-webhooks", id, "sw:" + id)
            : new SignatureCheck.Refused($"No v1 signature in {SignatureHeader} matches: sign \"{IdHeader}.{TimestampHeader}.body\" with the hook's secret (HMAC-SHA256, base64).");
    }

    /// <summary>The Standard Webhooks signature <c>v1,&lt;base64&gt;</c> of a message (the StandardWebhooks library's).</summary>
    public static string StandardSignature(string secret, string messageId, DateTimeOffset timestamp, string payload) =>
        new StandardWebhook(SigningSecrets.StandardKey(secret)).Sign(messageId, timestamp, payload);

    private static bool TryDecodeUtf8(byte[] body, out string text)
    {
        try
        {
            text = new UTF8Encoding(false, true).GetString(body);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private static bool FixedTimeEquals(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
