using System.Text.Json.Nodes;

namespace VoiceHub.ApiService.Hooks;

/// <summary>A hook as Redis keeps it: what it starts, for whom, and its secret encrypted (never in clear).</summary>
public sealed record HookRecord(
    string Id,
    string Name,
    string TemplateId,
    JsonObject Inputs,
    Dictionary<string, string> Mapping,
    string Owner,
    string OwnerRole,
    bool Paused,
    DateTimeOffset CreatedAt,
    string ProtectedSecret)
{
    public HookView ToView(string baseUrl, IReadOnlyList<HookDeliveryView> recent) =>
        new(Id, Name, TemplateId, (JsonObject)Inputs.DeepClone(), Mapping, HookUrls.For(baseUrl, Id), Owner, Paused, CreatedAt, recent);
}

/// <summary>Hook ids (<c>hk_</c> + 16 hex digits) and the URL a sender posts to.</summary>
public static class HookUrls
{
    public const string RoutePrefix = "/hooks";

    public static string NewId() => "hk_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    /// <summary>Only ids of this shape reach a Redis key name.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: 19 } && id.StartsWith("hk_", StringComparison.Ordinal) && id.AsSpan(3).ContainsAnyExcept("0123456789abcdef") is false;

    public static string For(string baseUrl, string id) => baseUrl.TrimEnd('/') + RoutePrefix + "/" + id;
}
