using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components.Authorization;

namespace VoiceHub.Web.ApiClients;

/// <summary>
/// Typed client of VoiceHub.ApiService, resolved through service discovery. Every request
/// carries the frontend's key and the signed-in person it acts for (<see cref="HubApiCredentials"/>),
/// so the API decides per person what is allowed, owned and rate limited. The person comes from the
/// authentication state: the request's during prerendering, the circuit's afterwards.
/// </summary>
public sealed partial class HubApiClient(HttpClient http, AuthenticationStateProvider authentication, HubApiCredentials? credentials = null)
{

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Without a configured key the client still names its user; the API answers 401 saying what is missing.
    private static readonly HubApiCredentials NoKey = new(new ConfigurationBuilder().Build());

    /// <summary>
    /// Reads the API's <c>/health</c> report. A failing or unreachable API is an answer too
    /// (status "Unreachable" with the reason), never an exception for the page to handle.
    /// </summary>
    public async Task<ApiHealth> GetHealthAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await SendAsync(HttpMethod.Get, "/health", null, cancellationToken);
            var report = await response.Content.ReadFromJsonAsync<HealthReportDto>(cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            return new ApiHealth(
                report?.Status ?? response.StatusCode.ToString(),
                elapsed,
                report?.Checks ?? new Dictionary<string, HealthCheckDto>(),
                null);
        }
        catch (Exception ex) when ((ex is HubApiException || IsTransportFailure(ex)) && !cancellationToken.IsCancellationRequested)
        {
            return new ApiHealth("Unreachable", Stopwatch.GetElapsedTime(started), new Dictionary<string, HealthCheckDto>(), ex.Message);
        }
    }

    // ---- Commands ----

    /// <summary>
    /// Sends a spoken or typed command. Always returns an answer to show: a 422 (unmatched)
    /// carries the suggestions; any other failure becomes an <see cref="CommandReply.ErrorAction"/> reply.
    /// </summary>
    public async Task<CommandReply> SendCommandAsync(string text, string? threadId, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await SendAsync(HttpMethod.Post, "/api/commands", new { text, threadId }, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            // Success and problem answers alike (422 unmatched, 409 conflict, 404 unknown number)
            // carry the command fields; only a bare problem (429, 5xx) lacks a reply.
            if (TryReadCommand(body) is { } result)
            {
                return response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.UnprocessableEntity
                    ? result
                    : result with { Action = CommandActions.Error };
            }

            var problem = TryRead<ProblemDto>(body);
            return Failed(text, problem?.Detail ?? problem?.Title ?? $"The hub answered {(int)response.StatusCode}.", threadId);
        }
        catch (HubApiException ex)
        {
            return Failed(text, ex.Problem.Message, threadId);
        }

        static CommandReply Failed(string text, string reply, string? threadId) =>
            new(text, null, null, 0, null, CommandActions.Error, reply, ThreadId: threadId);
    }

    // ---- Workflows ----

    public Task<PagedResult<WorkflowView>> ListWorkflowsAsync(int page, int limit, string? status, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<WorkflowView>>($"/api/workflows?page={page}&limit={limit}{(status is null ? "" : "&status=" + Uri.EscapeDataString(status))}", cancellationToken);

    /// <summary>The workflow, or null when the API does not know it.</summary>
    public Task<WorkflowView?> GetWorkflowAsync(string id, CancellationToken cancellationToken = default) =>
        GetOrNullAsync<WorkflowView>($"/api/workflows/{Uri.EscapeDataString(id)}", cancellationToken);

    /// <summary>Starts a workflow; a 400 carries the per-field messages (<c>inputs.&lt;name&gt;</c>).</summary>
    public async Task<ApiResult<WorkflowView>> StartWorkflowAsync(
        string templateId, IReadOnlyDictionary<string, JsonNode?> inputs, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var body = new { templateId, inputs = new JsonObject(inputs.Select(i => KeyValuePair.Create(i.Key, i.Value?.DeepClone()))), idempotencyKey };
        using var response = await SendAsync(HttpMethod.Post, "/api/workflows", body, cancellationToken);
        return response.IsSuccessStatusCode
            ? new(await response.Content.ReadFromJsonAsync<WorkflowView>(Json, cancellationToken), null)
            : new(default, await ReadProblemAsync(response, cancellationToken));
    }

    public Task<ApiResult<WorkflowView>> CancelWorkflowAsync(string id, CancellationToken cancellationToken = default) =>
        ControlAsync(HttpMethod.Post, $"/api/workflows/{Uri.EscapeDataString(id)}/cancel", cancellationToken);

    public Task<ApiResult<WorkflowView>> RetryWorkflowAsync(string id, CancellationToken cancellationToken = default) =>
        ControlAsync(HttpMethod.Post, $"/api/workflows/{Uri.EscapeDataString(id)}/retry", cancellationToken);

    public Task<ApiResult<WorkflowView>> DeleteWorkflowAsync(string id, CancellationToken cancellationToken = default) =>
        ControlAsync(HttpMethod.Delete, $"/api/workflows/{Uri.EscapeDataString(id)}", cancellationToken);

    /// <summary>A file a step produced (report.md, chart.svg), or null when there is none.</summary>
    public async Task<Artifact?> GetArtifactAsync(string id, string name, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/workflows/{Uri.EscapeDataString(id)}/artifacts/{Uri.EscapeDataString(name)}", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return new Artifact(name, response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream",
            await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    // ---- Schedules ----

    public Task<PagedResult<ScheduleView>> ListSchedulesAsync(int page, int limit, bool mine = false, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<ScheduleView>>($"/api/schedules?page={page}&limit={limit}{(mine ? "&mine=true" : "")}", cancellationToken);

    /// <summary>Creates a schedule; a 400 carries the per-field messages (<c>cron</c>, <c>timeZone</c>, <c>inputs.&lt;name&gt;</c>).</summary>
    public async Task<ApiResult<ScheduleView>> CreateScheduleAsync(CreateScheduleRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/schedules", request, cancellationToken);
        return response.IsSuccessStatusCode
            ? new(await response.Content.ReadFromJsonAsync<ScheduleView>(Json, cancellationToken), null)
            : new(default, await ReadProblemAsync(response, cancellationToken));
    }

    public Task<ApiResult<ScheduleView>> PauseScheduleAsync(string id, CancellationToken cancellationToken = default) =>
        ScheduleControlAsync(HttpMethod.Post, $"/api/schedules/{Uri.EscapeDataString(id)}/pause", cancellationToken);

    public Task<ApiResult<ScheduleView>> ResumeScheduleAsync(string id, CancellationToken cancellationToken = default) =>
        ScheduleControlAsync(HttpMethod.Post, $"/api/schedules/{Uri.EscapeDataString(id)}/resume", cancellationToken);

    public Task<ApiResult<ScheduleView>> DeleteScheduleAsync(string id, CancellationToken cancellationToken = default) =>
        ScheduleControlAsync(HttpMethod.Delete, $"/api/schedules/{Uri.EscapeDataString(id)}", cancellationToken);

    private async Task<ApiResult<ScheduleView>> ScheduleControlAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return new(default, await ReadProblemAsync(response, cancellationToken));
        }

        return response.StatusCode == HttpStatusCode.NoContent
            ? new(default, null)
            : new(await response.Content.ReadFromJsonAsync<ScheduleView>(Json, cancellationToken), null);
    }

    // ---- Templates ----

    public Task<PagedResult<TemplateView>> ListTemplatesAsync(string? category = null, int page = 1, int limit = 100, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<TemplateView>>($"/api/templates?page={page}&limit={limit}{(category is null ? "" : "&category=" + Uri.EscapeDataString(category))}", cancellationToken);

    public Task<TemplateView?> GetTemplateAsync(string id, CancellationToken cancellationToken = default) =>
        GetOrNullAsync<TemplateView>($"/api/templates/{Uri.EscapeDataString(id)}", cancellationToken);

    // ---- Threads ----

    public Task<PagedResult<ConversationThread>> ListThreadsAsync(int page, int limit, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<ConversationThread>>($"/api/threads?page={page}&limit={limit}", cancellationToken);

    /// <summary>Starts a conversation; the console makes one before its first command.</summary>
    public async Task<ConversationThread> CreateThreadAsync(string? title, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/threads", new { title }, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<ConversationThread>(Json, cancellationToken))!;
    }

    public Task<ConversationThread?> GetThreadAsync(string id, CancellationToken cancellationToken = default) =>
        GetOrNullAsync<ConversationThread>($"/api/threads/{Uri.EscapeDataString(id)}", cancellationToken);

    public Task<PagedResult<ThreadMessage>> ListMessagesAsync(string threadId, int page, int limit, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<ThreadMessage>>($"/api/threads/{Uri.EscapeDataString(threadId)}/messages?page={page}&limit={limit}", cancellationToken);

    /// <summary>The newest <paramref name="count"/> messages of a thread, oldest first.</summary>
    public async Task<IReadOnlyList<ThreadMessage>> GetRecentMessagesAsync(string threadId, int count, CancellationToken cancellationToken = default)
    {
        var first = await ListMessagesAsync(threadId, 1, count, cancellationToken);
        return first.Pages <= 1 ? first.Items : (await ListMessagesAsync(threadId, first.Pages, count, cancellationToken)).Items;
    }

    // ---- Monitoring ----

    /// <summary>The guide's metrics, or null while the API does not offer them.</summary>
    public Task<MetricsSnapshot?> GetMetricsAsync(CancellationToken cancellationToken = default) =>
        GetOrNullAsync<MetricsSnapshot>("/api/metrics", cancellationToken);

    /// <summary>The detailed health report; a 503 (unhealthy) still carries the checks.</summary>
    public async Task<DetailedHealthReport?> GetDetailedHealthAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/health/detailed", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.ServiceUnavailable)
        {
            throw new HubApiException(await ReadProblemAsync(response, cancellationToken));
        }

        return await response.Content.ReadFromJsonAsync<DetailedHealthReport>(Json, cancellationToken);
    }

    // ---- Audit (admin) ----

    /// <summary>A page of the audit trail, newest first; filters left null match everything.</summary>
    public Task<PagedResult<AuditEntry>> ListAuditAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<AuditEntry>>("/api/audit" + query.ToQueryString(), cancellationToken);

    // ---- Plumbing ----

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
    }

    private async Task<T?> GetOrNullAsync<T>(string path, CancellationToken cancellationToken) where T : class
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
    }

    private async Task<ApiResult<WorkflowView>> ControlAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return new(default, await ReadProblemAsync(response, cancellationToken));
        }

        return response.StatusCode == HttpStatusCode.NoContent
            ? new(default, null)
            : new(await response.Content.ReadFromJsonAsync<WorkflowView>(Json, cancellationToken), null);
    }

    /// <summary>
    /// Sends one request. An API that cannot be reached (refused, timed out, circuit open) is a
    /// <see cref="HubApiException"/> with status 503 like any other problem, so pages handle one
    /// kind of failure.
    /// </summary>
    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        SendContentAsync(method, path, body is null ? null : JsonContent.Create(body, options: Json), cancellationToken);

    private async Task<HttpResponseMessage> SendContentAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        (credentials ?? NoKey).Apply(request, (await authentication.GetAuthenticationStateAsync()).User);
        request.Content = content;

        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (IsTransportFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new HubApiException(new ApiProblem(503, "The hub's API did not answer", $"The hub's API did not answer: {ex.Message}", null));
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HubApiException(await ReadProblemAsync(response, cancellationToken));
        }
    }

    internal static async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<ProblemDto>(Json, cancellationToken);
            if (problem is not null)
            {
                return new ApiProblem(status, problem.Title, problem.Detail, problem.Errors);
            }
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            // Not a problem document (an HTML error page, an empty body): the status says enough.
        }

        return new ApiProblem(status, response.ReasonPhrase, null, null);
    }

    private static CommandReply? TryReadCommand(string body) =>
        TryRead<CommandReply>(body) is { Action.Length: > 0, Reply: not null } result ? result : null;

    private static T? TryRead<T>(string body) where T : class
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize<T>(body, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsTransportFailure(Exception ex) =>
        ex is HttpRequestException or TaskCanceledException or JsonException or Polly.Timeout.TimeoutRejectedException
            or Polly.CircuitBreaker.BrokenCircuitException;

    private sealed record ProblemDto(string? Title, string? Detail, Dictionary<string, string[]>? Errors);

    public sealed record HealthReportDto(string Status, double DurationMs, Dictionary<string, HealthCheckDto>? Checks);
}

/// <summary>A file produced by a workflow step.</summary>
public sealed record Artifact(string Name, string ContentType, byte[] Content)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Content);
    public string DataUri => $"data:{ContentType};base64,{Convert.ToBase64String(Content)}";
}

public sealed record HealthCheckDto(string Status, string? Description, double DurationMs);

public sealed record ApiHealth(string Status, TimeSpan Latency, IReadOnlyDictionary<string, HealthCheckDto> Checks, string? Error)
{
    public bool IsHealthy => Status == "Healthy";
}
