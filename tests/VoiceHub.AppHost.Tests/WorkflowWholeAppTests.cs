using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace VoiceHub.AppHost.Tests;

/// <summary>Workflows through the whole application: API, Redis, workers and the SSE stream.</summary>
[Collection(WholeAppCollection.Name)]
public sealed class WorkflowWholeAppTests(WholeAppFixture fixture)
{
    [Fact]
    public async Task Started_workflow_is_followed_over_server_sent_events_to_completed()
    {
        using var client = fixture.CreateHttpClient("apiservice");
        var response = await client.PostAsJsonAsync("/api/workflows", new { templateId = "self-test", inputs = new { delay = 10 } })
            .WaitAsync(Patience.Request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var types = await ServerSentEvents.ReadTypesAsync(client, $"/api/workflows/{id}/events", Patience.Request);

        Assert.Equal("workflow.created", types[0]);
        Assert.Contains("workflow.started", types);
        Assert.Equal("workflow.completed", types[^1]);
    }

    [Fact]
    public async Task Spoken_command_starts_a_workflow_that_is_followed_to_completed()
    {
        using var client = fixture.CreateHttpClient("apiservice");
        var response = await client.PostAsJsonAsync("/api/commands", new { text = "Hey hub, run the self test please" })
            .WaitAsync(Patience.Request);
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("StartWorkflow", reply.GetProperty("intent").GetString());

        var types = await ServerSentEvents.ReadTypesAsync(client, response.Headers.Location + "/events", Patience.Request);

        Assert.Equal("workflow.completed", types[^1]);
        Assert.Equal(5, types.Count(t => t == "step.succeeded"));
    }
}

/// <summary>Reads a Server-Sent Events stream until the server ends it, within a time box.</summary>
internal static class ServerSentEvents
{
    public static async Task<List<string>> ReadTypesAsync(HttpClient client, string path, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var types = new List<string>();
        try
        {
            while (await reader.ReadLineAsync(cts.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    types.Add(line["event: ".Length..]);
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{path} did not end within {timeout}; events so far: {string.Join(", ", types)}");
        }

        return types;
    }
}
