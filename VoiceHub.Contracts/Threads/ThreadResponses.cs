
namespace VoiceHub.Contracts.Threads;

/// <summary>A thread as the API returns it, with the limits in force.</summary>
public sealed record ThreadResponse(
    string Id,
    string? Title,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int MessageCount,
    long LastSequence,
    IReadOnlyDictionary<string, string> Metadata,
    ThreadLimits Limits,
    string? Owner = null)
{
    public static ThreadResponse From(ConversationThread thread, ThreadLimits limits) => new(
        thread.Id, thread.Title, thread.CreatedAt, thread.UpdatedAt, thread.MessageCount, thread.LastSequence, thread.Metadata, limits, thread.Owner);
}

/// <summary>The guide's page shape <c>{ items, page, limit, total }</c> plus the limits in force.</summary>
public sealed record PageWithLimits<T>(IReadOnlyList<T> Items, int Page, int Limit, long Total, ThreadLimits Limits)
{
    public static PageWithLimits<T> From(PagedResult<T> page, ThreadLimits limits) =>
        new(page.Items, page.Page, page.Limit, page.Total, limits);
}

/// <summary>Answer of a batch append: the stored messages, in order, and how many the thread keeps.</summary>
public sealed record AppendBatchResponse(string ThreadId, IReadOnlyList<ThreadMessage> Items, int MessageCount, ThreadLimits Limits);
