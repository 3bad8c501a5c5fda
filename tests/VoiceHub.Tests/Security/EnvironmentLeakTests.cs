using System.Text.Json;
using VoiceHub.ApiService.Agents.Processes;
using VoiceHub.Tests.Agents;

namespace VoiceHub.Tests.Security;

/// <summary>
/// A child process sees a clean environment: never the API's connection strings, keys, tokens or
/// OTLP settings. Checked through the real runner (a node test that prints its environment) and,
/// for every kind of secret, through the environment builder.
/// </summary>
public sealed class EnvironmentLeakTests : IDisposable
{
    /// <summary>Variables an API process may hold that no child may see: a new kind is one line here.</summary>
    public static TheoryData<string> SecretVariables => new()
    {
        "ConnectionStrings__cache",
        "ConnectionStrings__llm",
        "VoiceHub__Auth__ApiKey",
        "OPENAI_API_KEY",
        "AWS_SECRET_ACCESS_KEY",
        "GITHUB_TOKEN",
        "REDIS_PASSWORD",
        "OTEL_EXPORTER_OTLP_HEADERS",
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_RESOURCE_ATTRIBUTES",
        "NODE_OPTIONS",
        "NODE_PATH",
        "npm_config_script_shell",
        "GIT_DIR",
        "GIT_SSH_COMMAND",
        "PYTHONPATH",
        "LD_PRELOAD",
        "DOTNET_STARTUP_HOOKS",
        "ASPNETCORE_URLS",
        "services__apiservice__http__0",
    };

    private static readonly string Canary = $"canary-{Guid.NewGuid():N}";
    private readonly TempWorkspace _workspace = new();
    private readonly List<string> _set = [];

    public void Dispose()
    {
        foreach (var name in _set)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        _workspace.Dispose();
    }

    [Theory]
    [MemberData(nameof(SecretVariables))]
    public void No_secret_or_loader_variable_reaches_a_child(string name)
    {
        var parent = new Dictionary<string, string> { [name] = Canary, ["PATH"] = "/usr/bin", ["HOME"] = "/home/x", ["LC_ALL"] = "C" };
        var child = new Dictionary<string, string?>();

        ChildEnvironment.Apply(child, parent, ["/usr/bin"], null);

        Assert.DoesNotContain(child, v => v.Value == Canary);
        Assert.False(child.ContainsKey(name));
        Assert.Equal("/home/x", child["HOME"]);
        Assert.Equal("C", child["LC_ALL"]);
    }

    [Fact]
    public async Task A_test_run_prints_an_environment_without_any_of_the_apis_secrets()
    {
        // Names with a prefix of this test, so nothing else in the process reads them.
        foreach (var name in new[] { "ConnectionStrings__securityprobe", "SECURITYPROBE_API_KEY", "OTEL_EXPORTER_OTLP_HEADERS_SECURITYPROBE", "NODE_SECURITYPROBE" })
        {
            _set.Add(name);
            Environment.SetEnvironmentVariable(name, Canary);
        }

        _workspace.Write("env/print.test.js", """
            const test = require('node:test');
            test('prints its environment', () => { console.log('ENV=' + JSON.stringify(process.env)); });
            """);

        var result = await _workspace.TestAgent("node").RunAsync("run", new { runner = "node", path = "env" });

        var printed = result.Out()["outputTail"]!.GetValue<string>();
        var json = printed[(printed.IndexOf("ENV=", StringComparison.Ordinal) + 4)..].Split('\n')[0];
        var names = JsonDocument.Parse(json).RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.DoesNotContain(Canary, printed);
        Assert.DoesNotContain(names, n => n.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(names, n => n.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(names, n => n.Contains("KEY", StringComparison.OrdinalIgnoreCase) || n.Contains("SECRET", StringComparison.OrdinalIgnoreCase)
            || n.Contains("TOKEN", StringComparison.OrdinalIgnoreCase) || n.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(names, n => n.StartsWith("NODE_", StringComparison.Ordinal) && n != "NODE_DISABLE_COLORS" && n != "NODE_TEST_CONTEXT");
        Assert.All(JsonDocument.Parse(json).RootElement.GetProperty("PATH").GetString()!.Split(':'), p => Assert.True(Path.IsPathFullyQualified(p), p));
    }
}
