using System.Globalization;

namespace VoiceHub.ApiService.Workflows.Events;

/// <summary>
/// An event with the id of its Redis stream entry (per-workflow or global stream) and its place in
/// that entry: the events of one transition share an entry.
/// </summary>
public sealed record EventEntry(string EntryId, WorkflowEvent Event, int Index = 0)
{
    /// <summary>The all-workflows feed's id of this event: <c>entry.index</c>, e.g. <c>1764489600000-0.2</c>.</summary>
    public string FeedId => $"{EntryId}.{Index.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>Redis stream entry ids (<c>milliseconds-sequence</c>) compared as the numbers they are.</summary>
internal static class StreamIds
{
    public static bool TryParse(string? value, out (ulong Ms, ulong Seq) id)
    {
        id = default;
        var dash = value?.IndexOf('-') ?? -1;
        if (dash <= 0
            || !ulong.TryParse(value.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            || !ulong.TryParse(value.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            return false;
        }

        id = (ms, seq);
        return true;
    }
}

/// <summary>
/// A place in the all-workflows feed: after event <see cref="Index"/> of the stream entry
/// <see cref="Entry"/>. A bare entry id (how the feed's ids looked when every entry held one event)
/// means after all of that entry.
/// </summary>
internal readonly record struct FeedPosition((ulong Ms, ulong Seq) Entry, int Index)
{
    /// <summary>Before the first entry of the stream.</summary>
    public static FeedPosition Start { get; } = new((0, 0), int.MaxValue);

    /// <summary>The entry's id as Redis writes it.</summary>
    public string EntryId => $"{Entry.Ms.ToString(CultureInfo.InvariantCulture)}-{Entry.Seq.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>After all of the entry <paramref name="entryId"/>.</summary>
    public static FeedPosition AfterEntry(string entryId) =>
        StreamIds.TryParse(entryId, out var entry) ? new(entry, int.MaxValue) : Start;

    /// <summary>Just after <paramref name="entry"/>.</summary>
    public static FeedPosition After(EventEntry entry) =>
        StreamIds.TryParse(entry.EntryId, out var id) ? new(id, entry.Index) : Start;

    /// <summary>Parses a feed id: <c>ms-seq.index</c>, or a bare <c>ms-seq</c>.</summary>
    public static bool TryParse(string? value, out FeedPosition position)
    {
        position = Start;
        var dot = value?.IndexOf('.') ?? -1;
        var index = int.MaxValue;
        if (!StreamIds.TryParse(dot < 0 ? value : value![..dot], out var entry)
            || (dot >= 0 && !int.TryParse(value.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out index)))
        {
            return false;
        }

        position = new FeedPosition(entry, index);
        return true;
    }

    /// <summary>Whether <paramref name="candidate"/> comes after this place.</summary>
    public bool IsBefore(EventEntry candidate) =>
        StreamIds.TryParse(candidate.EntryId, out var c) && (c.CompareTo(Entry) > 0 || (c == Entry && candidate.Index > Index));

    /// <summary>Whether some of the entry this place is in may still be unread (it names an event, not all of its entry).</summary>
    public bool InsideEntry => Index != int.MaxValue;
}
