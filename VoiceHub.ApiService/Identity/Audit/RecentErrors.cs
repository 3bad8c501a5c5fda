using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Monitoring;

namespace VoiceHub.ApiService.Identity.Audit;

/// <summary>
/// The 4xx and 5xx answers of this replica over the health window (<c>VoiceHub:Health:ErrorRateWindow</c>),
/// by route pattern and status, for <c>GET /api/errors/statistics</c>. Kept in memory and capped.
/// </summary>
public sealed class RecentErrors(TimeProvider time, IOptions<HealthOptions> health)
{
    private const int MaxKept = 50_000;

    private readonly ConcurrentQueue<(DateTimeOffset At, string Route, int Status)> _errors = new();

    public TimeSpan Window => health.Value.ErrorRateWindow;

    public void Record(string route, int status)
    {
        if (status < 400)
        {
            return;
        }

        _errors.Enqueue((time.GetUtcNow(), route, status));
        Trim();
    }

    public ErrorStatistics Snapshot()
    {
        Trim();
        var since = time.GetUtcNow() - Window;
        var recent = _errors.Where(e => e.At >= since).ToList();
        var routes = recent.GroupBy(e => (e.Route, e.Status))
            .Select(g => new ErrorCount(g.Key.Route, g.Key.Status, g.LongCount()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Route, StringComparer.Ordinal).ThenBy(c => c.Status)
            .ToList();
        return new ErrorStatistics(Window, recent.LongCount(e => e.Status < 500), recent.LongCount(e => e.Status >= 500), routes);
    }

    private void Trim()
    {
        var since = time.GetUtcNow() - Window;
        while ((_errors.TryPeek(out var oldest) && oldest.At < since) || _errors.Count > MaxKept)
        {
            _errors.TryDequeue(out _);
        }
    }
}
