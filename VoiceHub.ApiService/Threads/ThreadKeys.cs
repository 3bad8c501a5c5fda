using StackExchange.Redis;

namespace VoiceHub.ApiService.Threads;

/// <summary>
/// The Redis layout, all under one prefix and one hash tag (default <c>voicehub:threads:{threads}:</c>):
/// <c>index</c> is a sorted set of thread ids scored by activity, <c>clock</c> the counter that
/// gives those scores, <c>thread:&lt;id&gt;</c> a hash per thread and <c>thread:&lt;id&gt;:messages</c> a
/// list of its messages as JSON, oldest first. The hash tag puts every key in one Redis Cluster
/// slot, so the scripts that move a thread and the index together (and evict the oldest thread)
/// work on a cluster.
/// </summary>
internal sealed class ThreadKeys(string prefix)
{
    public const string MessagesSuffix = ":messages";

    /// <summary>The hash tag of every threads key (see the class remarks).</summary>
    public const string HashTag = "{threads}";

    public RedisKey Index { get; } = prefix + HashTag + ":index";

    public RedisKey Clock { get; } = prefix + HashTag + ":clock";

    /// <summary>Prefix of the per-thread keys; scripts that reach threads by id need it.</summary>
    public string ThreadPrefix { get; } = prefix + HashTag + ":thread:";

    public RedisKey Thread(string id) => ThreadPrefix + id;

    public RedisKey Messages(string id) => ThreadPrefix + id + MessagesSuffix;
}
