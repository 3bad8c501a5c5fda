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

    public string ConnectionString { get; private set; } = "";

    public IConnectionMultiplexer Connection { get; private set; } = null!;

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

    /// <summary>Removes every key so tests do not see each other's data.</summary>
    public Task FlushAsync() =>
        Connection.GetServers()[0].FlushDatabaseAsync();

    /// <summary>The keys under a prefix (tests use it to see what a feature wrote, or left behind).</summary>
    public async Task<string[]> KeysAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var key in Connection.GetServers()[0].KeysAsync(pattern: prefix + "*"))
        {
            keys.Add(key.ToString());
        }

        return [.. keys];
    }

    /// <summary>Deletes the keys under a prefix, so a test leaves the shared server as it found it.</summary>
    public async Task DeleteKeysAsync(string prefix)
    {
        var keys = await KeysAsync(prefix);
        if (keys.Length > 0)
        {
            await Connection.GetDatabase().KeyDeleteAsync([.. keys.Select(k => (RedisKey)k)]);
        }
    }

    public async Task DisposeAsync()
    {
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
