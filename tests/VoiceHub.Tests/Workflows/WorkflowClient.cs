using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VoiceHub.Tests.Workflows;

/// <summary>Test helpers over the workflow API; every wait is time-boxed.</summary>
internal static class WorkflowClient
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task<JsonElement> StartAsync(this HttpClient client, string templateId, object? inputs = null, string? idempotencyKey = null)
    {
        var response = await client.PostAsJsonAsync("/api/workflows", new { templateId, inputs, idempotencyKey });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
        }

        return body;
    }

    public static async Task<JsonElement> GetWorkflowAsync(this HttpClient client, string id) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/workflows/{id}");

    /// <summary>Polls until the workflow's status is one of <paramref name="statuses"/>; fails after <see cref="Patience"/>.</summary>
    public static async Task<JsonElement> WaitForStatusAsync(this HttpClient client, string id, params string[] statuses)
    {
        using var cts = new CancellationTokenSource(Patience);
        JsonElement last = default;
        try
        {
            while (true)
            {
                last = await client.GetWorkflowAsync(id).WaitAsync(cts.Token);
                if (statuses.Contains(last.GetProperty("status").GetString()))
                {
                    return last;
                }

                await Task.Delay(50, cts.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Workflow {id} did not reach {string.Join("/", statuses)} within {Patience}; last: {last}");
        }
    }

    /// <summary>Polls until a step of the workflow reaches a status.</summary>
    public static async Task WaitForStepAsync(this HttpClient client, string id, string stepId, string status)
    {
        using var cts = new CancellationTokenSource(Patience);
        try
        {
            while (true)
            {
                var workflow = await client.GetWorkflowAsync(id).WaitAsync(cts.Token);
                var step = workflow.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("id").GetString() == stepId);
                if (step.GetProperty("status").GetString() == status)
                {
                    return;
                }

                await Task.Delay(50, cts.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Step {stepId} of workflow {id} did not reach {status} within {Patience}.");
        }
    }

    public static JsonElement Step(this JsonElement workflow, string stepId) =>
        workflow.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("id").GetString() == stepId);

    public static string Id(this JsonElement workflow) => workflow.GetProperty("id").GetString()!;

    public static JsonObject Obj(object value) => JsonSerializer.SerializeToNode(value)!.AsObject();
}
