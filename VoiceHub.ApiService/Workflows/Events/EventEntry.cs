namespace VoiceHub.ApiService.Workflows.Events;

/// <summary>An event with the id of its Redis stream entry (per-workflow or global stream).</summary>
public sealed record EventEntry(string EntryId, WorkflowEvent Event);

/// <summary>Redis stream entry ids (<c>milliseconds-sequence</c>) compared as the numbers they are.</summary>
internal static class StreamIds
{
    public static bool TryParse(string? value, out (ulong Ms, ulong Seq) id)
    {
        id = default;
        var dash = value?.IndexOf('-') ?? -1;
        if (dash <= 0
            || !ulong.TryParse(value.AsSpan(0, dash), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            || !ulong.TryParse(value.AsSpan(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seq))
        {
            return false;
        }

        id = (ms, seq);
        return true;
    }

    /// <summary>Whether <paramref name="candidate"/> comes after <paramref name="last"/> in the stream.</summary>
    public static bool IsAfter(string candidate, string last) =>
        TryParse(candidate, out var c) && TryParse(last, out var l) && c.CompareTo(l) > 0;
}
