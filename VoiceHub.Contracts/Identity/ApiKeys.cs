namespace VoiceHub.Contracts.Identity;

/// <summary>
/// <c>POST /api/keys</c>: a key named <see cref="Name"/> with <see cref="Role"/> (viewer, operator,
/// admin; at most the caller's own). <see cref="Owner"/> (admins only) gives it to another principal;
/// <see cref="ExpiresInDays"/> defaults to the hub's <c>DefaultKeyLifetime</c>.
/// </summary>
public sealed record CreateApiKeyRequest(string? Name, string? Role, string? Owner = null, int? ExpiresInDays = null);

/// <summary>An API key as lists show it: never its secret.</summary>
public sealed record ApiKeyView(
    string Id,
    string Name,
    string Role,
    string Owner,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? LastUsedAt);

/// <summary>The answer to creating a key: the only time <see cref="Secret"/> (<c>vh_…</c>) is shown.</summary>
public sealed record CreatedApiKey(ApiKeyView Key, string Secret);
