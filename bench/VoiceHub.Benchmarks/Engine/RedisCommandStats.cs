using System.Globalization;
using StackExchange.Redis;

namespace VoiceHub.Benchmarks.Engine;

/// <summary>Redis' own count of calls and CPU microseconds per command (INFO commandstats), to subtract two readings.</summary>
public sealed record RedisCommandStats(IReadOnlyDictionary<string, (long Calls, long Microseconds)> ByCommand)
{
    public long Calls => ByCommand.Values.Sum(v => v.Calls);

    public long Microseconds => ByCommand.Values.Sum(v => v.Microseconds);

    public static async Task<RedisCommandStats> ReadAsync(IServer server)
    {
        var stats = new Dictionary<string, (long, long)>();
        foreach (var (key, value) in (await server.InfoAsync("commandstats")).SelectMany(g => g))
        {
            var fields = value.Split(',').Select(f => f.Split('=')).ToDictionary(f => f[0], f => f[1]);
            stats[key.Replace("cmdstat_", "", StringComparison.Ordinal)] =
                (long.Parse(fields["calls"], CultureInfo.InvariantCulture), long.Parse(fields["usec"], CultureInfo.InvariantCulture));
        }

        return new RedisCommandStats(stats);
    }

    /// <summary>What happened between <paramref name="earlier"/> and this reading (the INFO calls themselves left out).</summary>
    public RedisCommandStats Minus(RedisCommandStats earlier) => new(ByCommand
        .Where(p => p.Key != "info")
        .Select(p => (p.Key, Calls: p.Value.Calls - (earlier.ByCommand.TryGetValue(p.Key, out var e) ? e.Calls : 0),
            Usec: p.Value.Microseconds - (earlier.ByCommand.TryGetValue(p.Key, out var u) ? u.Microseconds : 0)))
        .Where(p => p.Calls > 0)
        .ToDictionary(p => p.Key, p => (p.Calls, p.Usec)));

    /// <summary>The busiest commands per workflow, e.g. "evalsha 14.0 (392 µs), xadd 27.0 (…)".</summary>
    public string Top(int count, int workflows) => string.Join(", ", ByCommand
        .OrderByDescending(p => p.Value.Microseconds).Take(count)
        .Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{p.Key} {p.Value.Calls / (double)workflows:0.0} ({p.Value.Microseconds / (double)workflows:0} µs)")));
}
