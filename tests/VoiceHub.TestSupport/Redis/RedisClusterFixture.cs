using System.Diagnostics;
using StackExchange.Redis;

namespace VoiceHub.TestSupport.Redis;

/// <summary>
/// A real three-master Redis Cluster for the tests of one collection: three
/// <c>redis-server --cluster-enabled yes</c> processes on free loopback ports (each also needs its
/// port + 10000 free, the cluster bus), joined by <c>redis-cli --cluster create … --cluster-replicas 0
/// --cluster-yes</c>, stopped and deleted afterwards. <see cref="Server"/> lets the API factory and
/// the helpers written for one server use it. Tests skip (<see cref="ClusterFactAttribute"/>) only
/// when the installed Redis cannot form a cluster.
/// </summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    private const int Masters = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly List<Process> _processes = [];
    private string? _directory;

    public IReadOnlyList<int> Ports { get; private set; } = [];

    /// <summary>Every master's address, as a cluster-aware client takes them.</summary>
    public string ConnectionString => string.Join(",", Ports.Select(p => $"127.0.0.1:{p}"));

    public IConnectionMultiplexer Connection { get; private set; } = null!;

    /// <summary>The cluster in the shape of a single-server fixture (connection string and connection).</summary>
    public RedisServerFixture Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        _directory = Directory.CreateTempSubdirectory("voicehub-cluster-").FullName;
        Ports = FreeClusterPorts(Masters);
        foreach (var port in Ports)
        {
            _processes.Add(StartNode(port));
        }

        foreach (var port in Ports)
        {
            await WaitForPingAsync(port, timeout.Token);
        }

        var create = await RunAsync("redis-cli",
            ["--cluster", "create", .. Ports.Select(p => $"127.0.0.1:{p}"), "--cluster-replicas", "0", "--cluster-yes"], timeout.Token);
        if (create.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli --cluster create failed ({create.ExitCode}): {create.Output}");
        }

        await WaitForClusterOkAsync(timeout.Token);
        Connection = await ConnectionMultiplexer.ConnectAsync($"{ConnectionString},allowAdmin=true,abortConnect=true,connectTimeout=2000");
        Server = RedisServerFixture.Attach(ConnectionString, Connection);
    }

    public async Task DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }

        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }

            process.Dispose();
        }

        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Process StartNode(int port)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_directory!, port.ToString())).FullName;
        var process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", port.ToString(), "--bind", "127.0.0.1", "--dir", folder, "--save", "", "--appendonly", "no",
             "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start; install it (apt-get install redis-server).");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForPingAsync(int port, CancellationToken cancellation)
    {
        while ((await RunAsync("redis-cli", ["-p", port.ToString(), "ping"], cancellation)).Output.Trim() != "PONG")
        {
            await Task.Delay(100, cancellation);
        }
    }

    /// <summary>Until every master reports the cluster whole (slots assigned, state ok).</summary>
    private async Task WaitForClusterOkAsync(CancellationToken cancellation)
    {
        foreach (var port in Ports)
        {
            while (!(await RunAsync("redis-cli", ["-p", port.ToString(), "cluster", "info"], cancellation)).Output.Contains("cluster_state:ok", StringComparison.Ordinal))
            {
                await Task.Delay(100, cancellation);
            }
        }
    }

    /// <summary>Ports whose cluster bus port (+10000) is free too.</summary>
    private static List<int> FreeClusterPorts(int count)
    {
        var ports = new List<int>();
        while (ports.Count < count)
        {
            var port = RedisServerFixture.FreePort();
            if (port < 55000 && !ports.Contains(port) && IsFree(port + 10000))
            {
                ports.Add(port);
            }
        }

        return ports;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    internal static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellation)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync(cancellation);
        var error = process.StandardError.ReadToEndAsync(cancellation);
        await process.WaitForExitAsync(cancellation);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Why the installed Redis cannot form a cluster here, or null when it can (redis-server ≥ 5 with cluster mode, redis-cli with --cluster).</summary>
    public static string? Unavailable { get; } = Probe();

    private static string? Probe()
    {
        try
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var version = RunAsync("redis-server", ["--version"], cancel.Token).GetAwaiter().GetResult().Output;
            var match = System.Text.RegularExpressions.Regex.Match(version, @"v=(\d+)\.");
            if (!match.Success || int.Parse(match.Groups[1].Value) < 5)
            {
                return $"redis-server lacks cluster support for redis-cli --cluster (needs 5 or newer): {version.Trim()}";
            }

            var help = RunAsync("redis-cli", ["--cluster", "help"], cancel.Token).GetAwaiter().GetResult();
            return help.Output.Contains("create", StringComparison.Ordinal) ? null : "redis-cli has no --cluster commands.";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"redis-server or redis-cli is not installed: {ex.Message}";
        }
    }
}

/// <summary>A test that needs a Redis Cluster: skipped, with the reason, when the installed Redis cannot form one.</summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        if (RedisClusterFixture.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
