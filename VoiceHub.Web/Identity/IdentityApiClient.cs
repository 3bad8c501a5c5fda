using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using VoiceHub.Web.ApiClients;

namespace VoiceHub.Web.Identity;

/// <summary>
/// The API calls of signing in: check a key a person typed (<c>GET /api/me</c> with that key) and
/// report every attempt to the audit trail (<c>POST /api/sign-ins</c> with the web's own key). A
/// report that does not reach the API is logged, and the sign-in it describes is refused.
/// </summary>
public sealed partial class IdentityApiClient(HttpClient http, IOptions<WebAuthOptions> options, ILogger<IdentityApiClient> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Who the API takes <paramref name="key"/> for, or the problem it answered (401 unknown key, 403 no user role).</summary>
    public async Task<ApiResult<CallerView>> CheckKeyAsync(string key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode
                ? new(await response.Content.ReadFromJsonAsync<CallerView>(Json, cancellationToken), null)
                : new(null, await HubApiClient.ReadProblemAsync(response, cancellationToken));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException
            or Polly.CircuitBreaker.BrokenCircuitException && !cancellationToken.IsCancellationRequested)
        {
            return new(null, new ApiProblem(503, "The hub's API did not answer", $"The hub's API did not answer: {ex.Message}", null));
        }
    }

    /// <summary>Appends the attempt to the API's audit trail; false when the API did not take it.</summary>
    public async Task<bool> ReportAsync(SignInReport report, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sign-ins") { Content = JsonContent.Create(report, options: Json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.FrontendKey ?? "");
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            LogNotTaken(report.Method, report.Succeeded, (int)response.StatusCode, (await HubApiClient.ReadProblemAsync(response, cancellationToken)).Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException
            or Polly.CircuitBreaker.BrokenCircuitException && !cancellationToken.IsCancellationRequested)
        {
            LogNotTaken(report.Method, report.Succeeded, 503, ex.Message);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The API did not record a sign-in ({Method}, succeeded {Succeeded}): {Status} {Detail}")]
    private partial void LogNotTaken(string? method, bool succeeded, int status, string detail);
}
