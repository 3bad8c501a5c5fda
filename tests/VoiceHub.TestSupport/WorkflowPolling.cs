using System.Net.Http.Json;
using System.Text.Json;

namespace VoiceHub.TestSupport;

/// <summary>The API's workflows as JSON, for tests at every level (in-process, whole app, browser).</summary>
public static class WorkflowPolling
{
    /// <summary>Starts a workflow; fails the test with the API's answer when it is not accepted.</summary>
    public static async Task<JsonElement> StartAsync(this HttpClient client, string templateId, object? inputs = null, string? idempotencyKey = null)
    {
        using var response = await client.PostAsJsonAsync("/api/workflows", new { templateId, inputs, idempotencyKey }).WaitAsync(Patience.Request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Starting {templateId} answered {(int)response.StatusCode}: {body}");
        }

        return body;
    }

    public static Task<JsonElement> GetWorkflowAsync(this HttpClient client, string id, CancellationToken cancellationToken = default) =>
        client.GetFromJsonAsync<JsonElement>($"/api/workflows/{id}", cancellationToken);

    /// <summary>Polls until the workflow's status is one of <paramref name="statuses"/>.</summary>
    public static Task<JsonElement> WaitForStatusAsync(this HttpClient client, string id, params string[] statuses) =>
        Eventually.UntilAsync(ct => client.GetWorkflowAsync(id, ct), w => statuses.Contains(w.GetProperty("status").GetString()),
            $"workflow {id} to be {string.Join("/", statuses)}");

    /// <summary>Polls until the workflow has finished (completed, failed or canceled).</summary>
    public static Task<JsonElement> WaitFinishedAsync(this HttpClient client, string id) =>
        client.WaitForStatusAsync(id, [.. Contracts.Workflows.WorkflowStatus.All.Where(Contracts.Workflows.WorkflowStatus.IsFinished)]);

    /// <summary>Polls until a step of the workflow reaches a status.</summary>
    public static Task<JsonElement> WaitForStepAsync(this HttpClient client, string id, string stepId, string status) =>
        Eventually.UntilAsync(ct => client.GetWorkflowAsync(id, ct), w => w.Step(stepId).GetProperty("status").GetString() == status,
            $"step {stepId} of workflow {id} to be {status}");

    public static JsonElement Step(this JsonElement workflow, string stepId) =>
        workflow.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("id").GetString() == stepId);

    public static string Id(this JsonElement workflow) => workflow.GetProperty("id").GetString()!;
}
