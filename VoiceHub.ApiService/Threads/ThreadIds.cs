using System.Text.RegularExpressions;

namespace VoiceHub.ApiService.Threads;

/// <summary>
/// Thread and message ids: a prefix and a version-7 GUID, so ids sort by creation time.
/// Only well-formed ids reach Redis, so an id can never address another key (e.g. "x:messages").
/// </summary>
public static partial class ThreadIds
{
    public static string NewThreadId(DateTimeOffset now) => "thr_" + Guid.CreateVersion7(now).ToString("N");

    public static string NewMessageId(DateTimeOffset now) => "msg_" + Guid.CreateVersion7(now).ToString("N");

    public static bool IsThreadId(string? id) => id is not null && ThreadIdPattern().IsMatch(id);

    [GeneratedRegex("^thr_[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex ThreadIdPattern();
}
