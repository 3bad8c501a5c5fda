using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace VoiceHub.TestSupport.Redis;

/// <summary>
/// A real redis-server for the tests of one collection: started on a free loopback port in a
/// temporary folder, stopped and deleted afterwards. Set VOICEHUB_TEST_REDIS (host:port) to use
/// a server you run yourself instead.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private Process? _process;
    private string? _directory;
    private bool _attached;

    public string ConnectionString { get; private set; } = "";

    public IConnectionMultiplexer Connection { get; private set; } = null!;

    /// <summary>A fixture for a Redis someone else started and stops (e.g. <see cref="RedisClusterFixture"/>).</summary>
    public static RedisServerFixture Attach(string connectionString, IConnectionMultiplexer connection) =>
        new() { ConnectionString = connectionString, Connection = connection, _attached = true };

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("VOICEHUB_TEST_REDIS");
        if (string.IsNullOrWhiteSpace(external))
        {
            var port = FreePort();
            _directory = Directory.CreateTempSubdirectory("voicehub-redis-").FullName;
            _process = Process.Start(new ProcessStartInfo("redis-server",
                ["--port", port.ToString(), "--bind", "127.0.0.1", "--dir", _directory, "--save", "", "--appendonly", "no"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("redis-server did not start; install it (apt-get install redis-server).");
            _process.OutputDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            ConnectionString = $"127.0.0.1:{port}";
        }
        else
        {
            ConnectionString = external;
        }

        Connection = await ConnectWithRetryAsync(ConnectionString).WaitAsync(StartTimeout);
    }

    /// <summary>The primaries: one for a single server, every master of a cluster.</summary>
    private IEnumerable<IServer> Primaries => Connection.GetServers().Where(s => !s.IsReplica);

    /// <summary>Removes every key so tests do not see each other's data.</summary>
    public Task FlushAsync() =>
        Task.WhenAll(Primaries.Select(s => s.FlushDatabaseAsync()));

    /// <summary>The keys under a prefix (tests use it to see what a feature wrote, or left behind).</summary>
    public async Task<string[]> KeysAsync(string prefix)
    {
        var keys = new List<string>();
        foreach (var server in Primaries)
        {
            await foreach (var key in server.KeysAsync(pattern: prefix + "*"))
            {
                keys.Add(key.ToString());
            }
        }

        return [.. keys];
    }

    /// <summary>Deletes the keys under a prefix, so a test leaves the shared server as it found it (one key per call: a cluster refuses cross-slot deletes).</summary>
    public async Task DeleteKeysAsync(string prefix)
    {
        var db = Connection.GetDatabase();
        await Task.WhenAll((await KeysAsync(prefix)).Select(k => db.KeyDeleteAsync(k)));
    }

    public async Task DisposeAsync()
    {
        if (_attached)
        {
            return;
        }

        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }

        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process?.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task<IConnectionMultiplexer> ConnectWithRetryAsync(string connectionString)
    {
        while (true)
        {
            try
            {
                return await ConnectionMultiplexer.ConnectAsync($"{connectionString},allowAdmin=true,abortConnect=true,connectTimeout=1000");
            }
            catch (RedisConnectionException)
            {
                await Task.Delay(100);
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
