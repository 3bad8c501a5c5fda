namespace VoiceHub.ApiService.LanguageModel;

/// <summary>State of a circuit breaker as the hub reports it.</summary>
public enum CircuitStatus
{
    Closed,
    HalfOpen,
    Open,
}

/// <summary>Wire names of <see cref="CircuitStatus"/>: <c>closed</c>, <c>half-open</c>, <c>open</c>.</summary>
public static class CircuitStatusText
{
    public static string ToText(this CircuitStatus status) => status switch
    {
        CircuitStatus.Open => "open",
        CircuitStatus.HalfOpen => "half-open",
        _ => "closed",
    };
}
