using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VoiceHub.ApiService.Hooks;

namespace VoiceHub.Tests.Hooks;

/// <summary>Creating hooks and sending them signed deliveries, as GitHub and Standard Webhooks senders do.</summary>
internal static class HookDeliveries
{
    /// <summary>A trimmed GitHub push event: the fields a hook maps, as GitHub sends them.</summary>
    public static string GitHubPush(string repositoryName) => JsonSerializer.Serialize(new
    {
        @ref = "refs/heads/main",
        before = "6113728f27ae82c7b1a177c8d03f9e96e0adf246",
        after = "59b20b8d5c6ff8d09518454d4dd8b7b30f095ab5",
        repository = new { id = 186853002, name = repositoryName, full_name = $"octo-org/{repositoryName}", @private = false, default_branch = "main" },
        pusher = new { name = "octocat", email = "octocat@github.com" },
        head_commit = new { id = "59b20b8d5c6ff8d09518454d4dd8b7b30f095ab5", message = "Update README", timestamp = "2026-11-30T10:00:00Z" },
    });

    public static async Task<JsonElement> CreateAsync(HttpClient client, object request)
    {
        using var response = await client.PostAsJsonAsync("/api/hooks", request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"Creating a hook answered {(int)response.StatusCode}: {body}");
        return body;
    }

    public static Task<HttpResponseMessage> SendGitHubAsync(HttpClient client, string hookUrl, string secret, string body, string? deliveryId = null, string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(hookUrl).PathAndQuery)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add(HookSignatures.GitHubDeliveryHeader, deliveryId ?? Guid.NewGuid().ToString());
        request.Headers.Add(HookSignatures.GitHubSignatureHeader, signature ?? HookSignatures.GitHubSignature(secret, Encoding.UTF8.GetBytes(body)));
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> SendStandardAsync(HttpClient client, string hookUrl, string secret, string body, string messageId, DateTimeOffset sentAt)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(hookUrl).PathAndQuery)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(HookSignatures.IdHeader, messageId);
        request.Headers.Add(HookSignatures.TimestampHeader, sentAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(HookSignatures.SignatureHeader, HookSignatures.StandardSignature(secret, messageId, sentAt, body));
        return client.SendAsync(request);
    }
}
