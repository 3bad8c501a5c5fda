using System.Globalization;
using System.Net;

namespace VoiceHub.LoadTest;

/// <summary>Command-line settings of one load-test run.</summary>
internal sealed record LoadTestOptions(
    Uri? Url, bool AppHost, int ApiReplicas, TimeSpan Duration, int Users, TimeSpan ThinkMin, TimeSpan ThinkMax, int Seed,
    IReadOnlyList<int>? SseClients = null, IReadOnlyDictionary<string, string>? ApiSettings = null, TimeSpan Ramp = default,
    TimeSpan Warmup = default, TimeSpan ClientWarmup = default)
{
    public const string Usage = """
        VoiceHub load test: simulated users run weighted scenarios against the API for a fixed time.

          dotnet run -c Release --project bench/VoiceHub.LoadTest -- --apphost [--replicas 1] [options]
          dotnet run -c Release --project bench/VoiceHub.LoadTest -- --url http://127.0.0.1:5400 [options]

          --apphost          start the AppHost (Aspire.Hosting.Testing) with rate limits raised, run, stop it
          --url URL          an API already running; loopback addresses only
          --replicas N       API replicas when starting the AppHost (VoiceHub:ApiReplicas), default 1
          --duration S       seconds of load, default 60
          --users N          concurrent simulated users, default 20
          --ramp S           start the users evenly over S seconds (locust's spawn rate), default 0: all at once
          --warmup S         the users run S seconds before the measured --duration, unrecorded (errors are still
                             counted): the steady state without the cold start (JIT, first connections) of the
                             API and of this client; default 0, the cold start measured too
          --client-warmup S  before anything else the users call GET /alive for S seconds, unrecorded: this
                             client's JIT and its connections warm while the API's routes stay cold (to tell
                             a cold client from a cold API); default 0
          --think A-B        think time between a user's requests, seconds, default 0.2-1.0
          --seed N           random seed of the users' choices, default 1
          --set KEY=VALUE    an API setting for --apphost runs (repeatable), e.g. --set VoiceHub:WarmUp:Enabled=false
          --sse N[,N...]     instead of the load mix: N Server-Sent Events clients follow one workflow each round
                             (needs --apphost, to read Redis' command counts)
        """;

    public static LoadTestOptions Parse(string[] args)
    {
        Uri? url = null;
        var appHost = false;
        var replicas = 1;
        var duration = 60.0;
        var users = 20;
        var (thinkMin, thinkMax) = (0.2, 1.0);
        var seed = 1;
        var ramp = 0.0;
        var warmup = 0.0;
        var clientWarmup = 0.0;
        IReadOnlyList<int>? sse = null;
        var apiSettings = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--apphost": appHost = true; break;
                case "--url": url = new Uri(Next()); break;
                case "--replicas": replicas = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--duration": duration = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--users": users = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--ramp": ramp = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--client-warmup": clientWarmup = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--set":
                    var pair = Next().Split('=', 2);
                    apiSettings[pair[0]] = pair.Length == 2 ? pair[1] : throw new ArgumentException("--set needs KEY=VALUE.");
                    break;
                case "--sse": sse = [.. Next().Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))]; break;
                case "--think":
                    var parts = Next().Split('-');
                    thinkMin = double.Parse(parts[0], CultureInfo.InvariantCulture);
                    thinkMax = double.Parse(parts.Length > 1 ? parts[1] : parts[0], CultureInfo.InvariantCulture);
                    break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        if (appHost == (url is not null))
        {
            throw new ArgumentException("Give exactly one of --apphost or --url.");
        }

        if (users is < 1 or > 1000 || duration is <= 0 or > 3600 || replicas is < 1 or > 8 || thinkMin < 0 || thinkMax < thinkMin || ramp < 0 || ramp >= duration || warmup is < 0 or > 600 || clientWarmup is < 0 or > 600)
        {
            throw new ArgumentException("--users 1..1000, --duration 1..3600 s, --replicas 1..8, --think A-B with 0 <= A <= B, --ramp shorter than --duration, --warmup and --client-warmup 0..600 s.");
        }

        if (url is not null)
        {
            RequireLoopback(url);
        }

        return new LoadTestOptions(url, appHost, replicas, TimeSpan.FromSeconds(duration), users,
            TimeSpan.FromSeconds(thinkMin), TimeSpan.FromSeconds(thinkMax), seed, sse, apiSettings, TimeSpan.FromSeconds(ramp), TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(clientWarmup));
    }

    /// <summary>Load goes only to this machine: a typo must not aim it at someone else's server.</summary>
    public static void RequireLoopback(Uri url)
    {
        var loopback = url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        if (!loopback || url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"Refusing to load {url}: only http(s) URLs on loopback (localhost, 127.0.0.1, ::1) are allowed.");
        }
    }
}
