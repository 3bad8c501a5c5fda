using System.Globalization;
using StackExchange.Redis;

namespace VoiceHub.Benchmarks.Engine;

/// <summary>
/// Redis' own count of calls and CPU microseconds per command (INFO commandstats), and the server
/// process' CPU time (INFO cpu), to subtract two readings. A script's microseconds include the
/// commands it calls, which are counted again under their own names, so <see cref="Microseconds"/>
/// counts script work twice (it is the figure the issue and the baseline used);
/// <see cref="ProcessMicroseconds"/> is what the server process really spent (parsing, networking
/// and the event loop included). The one parser of INFO commandstats in bench/: the load test compiles
/// this file too (linked in VoiceHub.LoadTest.csproj) for its SSE fan-out counts.
/// </summary>
public sealed record RedisCommandStats(IReadOnlyDictionary<string, (long Calls, long Microseconds)> ByCommand, double ProcessSeconds = 0)
{
    public long ProcessMicroseconds => (long)(ProcessSeconds * 1_000_000);

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

        var cpu = (await server.InfoAsync("cpu")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
        var seconds = double.Parse(cpu["used_cpu_sys"], CultureInfo.InvariantCulture) + double.Parse(cpu["used_cpu_user"], CultureInfo.InvariantCulture);
        return new RedisCommandStats(stats, seconds);
    }

    /// <summary>What happened between <paramref name="earlier"/> and this reading (the INFO calls themselves left out).</summary>
    public RedisCommandStats Minus(RedisCommandStats earlier) => new(ByCommand
        .Where(p => p.Key != "info")
        .Select(p => (p.Key, Calls: p.Value.Calls - (earlier.ByCommand.TryGetValue(p.Key, out var e) ? e.Calls : 0),
            Usec: p.Value.Microseconds - (earlier.ByCommand.TryGetValue(p.Key, out var u) ? u.Microseconds : 0)))
        .Where(p => p.Calls > 0)
        .ToDictionary(p => p.Key, p => (p.Calls, p.Usec)), ProcessSeconds - earlier.ProcessSeconds);

    /// <summary>The busiest commands per workflow, e.g. "evalsha 14.0 (392 µs), xadd 27.0 (…)".</summary>
    public string Top(int count, int workflows) => string.Join(", ", ByCommand
        .OrderByDescending(p => p.Value.Microseconds).Take(count)
        .Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{p.Key} {p.Value.Calls / (double)workflows:0.0} ({p.Value.Microseconds / (double)workflows:0} µs)")));
}
