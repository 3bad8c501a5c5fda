namespace VoiceHub.ApiService.LanguageModel;

/// <summary>
/// Whether a language model is configured and the state of the circuit breaker in front of it. The
/// breaker's callbacks keep it current, so any part of the hub (the llm agent, health, /api/agents, a
/// future recognition stage) can tell at once whether a call would be refused.
/// </summary>
public sealed class LanguageModelStatus(LanguageModelConnection? connection, TimeProvider time, ILogger<LanguageModelStatus> logger)
{
    private readonly Lock _lock = new();
    private CircuitStatus _circuit = CircuitStatus.Closed;
    private DateTimeOffset? _openUntil;

    public bool IsConfigured => connection is not null;

    /// <summary>The model's name, or <c>null</c> when none is configured.</summary>
    public string? Model => connection?.Model;

    /// <summary>Scheme, host and port of the endpoint (never the key).</summary>
    public string? Endpoint => connection?.DisplayEndpoint;

    /// <summary>The circuit as callers see it. An open circuit whose break has elapsed lets one trial call through, so it reads half-open.</summary>
    public CircuitStatus Circuit
    {
        get
        {
            lock (_lock)
            {
                return _circuit == CircuitStatus.Open && time.GetUtcNow() >= _openUntil ? CircuitStatus.HalfOpen : _circuit;
            }
        }
    }

    /// <summary>When an open circuit lets a trial call through; <c>null</c> unless open.</summary>
    public DateTimeOffset? OpenUntil
    {
        get
        {
            lock (_lock)
            {
                return _circuit == CircuitStatus.Open ? _openUntil : null;
            }
        }
    }

    /// <summary>True when a call would be sent now: configured, and the circuit not open.</summary>
    public bool IsAcceptingCalls => IsConfigured && Circuit != CircuitStatus.Open;

    /// <summary>Why a call would not be sent now, in words for a person; <c>null</c> when it would.</summary>
    public string? UnavailableReason => !IsConfigured
        ? "no language model is configured (set ConnectionStrings:llm to Endpoint=...;Key=...;Model=...)"
        : OpenUntil is { } until && Circuit == CircuitStatus.Open
            ? $"the language model is unavailable: circuit open until {until:O} after repeated failures"
            : null;

    internal void OnOpened(TimeSpan breakDuration)
    {
        var until = time.GetUtcNow() + breakDuration;
        lock (_lock)
        {
            _circuit = CircuitStatus.Open;
            _openUntil = until;
        }

        logger.LogWarning("Language model circuit opened until {OpenUntil:O} after repeated failures at {Endpoint}.", until, Endpoint);
    }

    internal void OnHalfOpened()
    {
        lock (_lock)
        {
            _circuit = CircuitStatus.HalfOpen;
        }

        logger.LogInformation("Language model circuit half-open: a trial call goes through.");
    }

    internal void OnClosed()
    {
        lock (_lock)
        {
            _circuit = CircuitStatus.Closed;
            _openUntil = null;
        }

        logger.LogInformation("Language model circuit closed: calls flow again.");
    }
}
