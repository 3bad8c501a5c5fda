namespace VoiceHub.ApiService.Monitoring;

/// <summary>
/// Times a block for <see cref="HubMetrics.Time"/>: <c>using (metrics.Time("operation")) { … }</c>.
/// A struct, so timing a block allocates nothing.
/// </summary>
public readonly struct OperationTimer : IDisposable
{
    private readonly HubMetrics _metrics;
    private readonly string _timer;
    private readonly long _started;

    internal OperationTimer(HubMetrics metrics, string timer, long started)
    {
        _metrics = metrics;
        _timer = timer;
        _started = started;
    }

    /// <summary>Records the seconds since the timer started.</summary>
    public void Dispose() => _metrics?.RecordSince(_timer, _started);
}
