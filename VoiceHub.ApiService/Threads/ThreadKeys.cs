using StackExchange.Redis;

namespace VoiceHub.ApiService.Threads;

/// <summary>
/// The Redis layout, all under one prefix (default <c>voicehub:threads:</c>):
/// <c>index</c> is a sorted set of thread ids scored by activity, <c>clock</c> the counter that
/// gives those scores, <c>thread:{id}</c> a hash per thread and <c>thread:{id}:messages</c> a
/// list of its messages as JSON, oldest first.
/// </summary>
internal sealed class ThreadKeys(string prefix)
{
    public const string MessagesSuffix = ":messages";

    public RedisKey Index { get; } = prefix + "index";

    public RedisKey Clock { get; } = prefix + "clock";

    /// <summary>Prefix of the per-thread keys; scripts that reach threads by id need it.</summary>
    public string ThreadPrefix { get; } = prefix + "thread:";

    public RedisKey Thread(string id) => ThreadPrefix + id;

    public RedisKey Messages(string id) => ThreadPrefix + id + MessagesSuffix;
}
