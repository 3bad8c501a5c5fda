using System.Text.Json.Serialization;

namespace VoiceHub.Contracts;

/// <summary>One page of a list, in the guide's shape: <c>{ items, page, limit, total }</c>.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int Limit, long Total)
{
    /// <summary>How many pages the whole list has at this limit (at least one).</summary>
    [JsonIgnore]
    public int Pages => Limit <= 0 ? 1 : Math.Max(1, (int)((Total + Limit - 1) / Limit));
}
