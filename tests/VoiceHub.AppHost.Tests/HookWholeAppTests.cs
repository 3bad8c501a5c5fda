using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace VoiceHub.AppHost.Tests;

/// <summary>Inbound hooks through the whole application, as GitHub would use one.</summary>
[Collection(WholeAppCollection.Name)]
public sealed class HookWholeAppTests(WholeAppFixture fixture)
{
    [Fact]
    public async Task A_GitHub_push_posted_to_a_hook_starts_a_code_review_of_the_mapped_folder()
    {
        using var client = fixture.CreateHttpClient("apiservice");
        using var created = await client.PostAsJsonAsync("/api/hooks", new { templateId = "code-review", mapping = new { path = "/repository/name" } })
            .WaitAsync(Patience.Request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var hook = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = hook.GetProperty("secret").GetString()!;
        var path = new Uri(hook.GetProperty("hook").GetProperty("url").GetString()!).AbsolutePath;
        var push = JsonSerializer.Serialize(new
        {
            @ref = "refs/heads/main",
            after = "59b20b8d5c6ff8d09518454d4dd8b7b30f095ab5",
            repository = new { name = "VoiceHub.Contracts", full_name = "octo-org/VoiceHub.Contracts" },
            pusher = new { name = "octocat" },
        });

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(push, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = null;
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(push))));
        using var anonymous = new HttpClient { BaseAddress = client.BaseAddress, Timeout = Patience.Request };
        using var delivered = await anonymous.SendAsync(request).WaitAsync(Patience.Request);

        Assert.Equal(HttpStatusCode.Accepted, delivered.StatusCode);
        var id = (await delivered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workflow").GetProperty("id").GetString()!;
        var workflow = await client.WaitFinishedAsync(id);
        Assert.Equal("Completed", workflow.GetProperty("status").GetString());
        Assert.Equal("VoiceHub.Contracts", workflow.GetProperty("inputs").GetProperty("path").GetString());
        var report = await client.GetStringAsync($"/api/workflows/{id}/artifacts/report.md").WaitAsync(Patience.Request);
        Assert.Contains("Code review of VoiceHub.Contracts", report);
    }
}
