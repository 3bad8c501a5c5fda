namespace VoiceHub.Contracts.Identity;

/// <summary>
/// One line of the audit trail (<c>GET /api/audit</c>): who (<see cref="Principal"/>, its role; null
/// when authentication failed) did what (<see cref="Action"/>: method and route pattern) to which
/// <see cref="Target"/> id, with what outcome, from where, in which trace.
/// </summary>
public sealed record AuditEntry(
    string Id,
    DateTimeOffset Time,
    string? Principal,
    string? Role,
    string Action,
    string? Target,
    int Status,
    string? Client,
    string? TraceId);

/// <summary>Refused and failed requests of this replica over the health window (<c>GET /api/errors/statistics</c>).</summary>
public sealed record ErrorStatistics(TimeSpan Window, long ClientErrors, long ServerErrors, IReadOnlyList<ErrorCount> Routes);

/// <summary>How often one route answered one 4xx or 5xx status within the window.</summary>
public sealed record ErrorCount(string Route, int Status, long Count);
