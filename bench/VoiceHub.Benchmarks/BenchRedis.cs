using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace VoiceHub.Benchmarks;

/// <summary>A Redis for a benchmark: the one given, or a throwaway redis-server on a free port.</summary>
public sealed class BenchRedis : IAsyncDisposable
{
    private Process? _process;
    private string? _directory;

    public string ConnectionString { get; private set; } = "";

    public static async Task<BenchRedis> StartAsync(string? existing)
    {
        var redis = new BenchRedis();
        if (existing is not null)
        {
            redis.ConnectionString = existing;
            return redis;
        }

        var port = FreePort();
        redis._directory = Directory.CreateTempSubdirectory("voicehub-bench-redis-").FullName;
        redis._process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", redis._directory, "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        });
        redis.ConnectionString = $"127.0.0.1:{port}";
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            try
            {
                await using var probe = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",connectTimeout=500");
                return redis;
            }
            catch (RedisConnectionException)
            {
                await Task.Delay(100, timeout.Token);
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
