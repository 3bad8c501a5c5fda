using System.Diagnostics;
using System.Net.Http.Json;

namespace VoiceHub.Web.ApiClients;

/// <summary>Typed client of VoiceHub.ApiService, resolved through service discovery.</summary>
public sealed class HubApiClient(HttpClient http)
{
    /// <summary>
    /// Reads the API's <c>/health</c> report. A failing or unreachable API is an answer too
    /// (status "Unreachable" with the reason), never an exception for the page to handle.
    /// </summary>
    public async Task<ApiHealth> GetHealthAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.GetAsync("/health", cancellationToken);
            var report = await response.Content.ReadFromJsonAsync<HealthReportDto>(cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            return new ApiHealth(
                report?.Status ?? response.StatusCode.ToString(),
                elapsed,
                report?.Checks ?? new Dictionary<string, HealthCheckDto>(),
                null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException
                                       or Polly.Timeout.TimeoutRejectedException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return new ApiHealth("Unreachable", Stopwatch.GetElapsedTime(started), new Dictionary<string, HealthCheckDto>(), ex.Message);
        }
    }

    public sealed record HealthReportDto(string Status, double DurationMs, Dictionary<string, HealthCheckDto>? Checks);
}

public sealed record HealthCheckDto(string Status, string? Description, double DurationMs);

public sealed record ApiHealth(string Status, TimeSpan Latency, IReadOnlyDictionary<string, HealthCheckDto> Checks, string? Error)
{
    public bool IsHealthy => Status == "Healthy";
}
