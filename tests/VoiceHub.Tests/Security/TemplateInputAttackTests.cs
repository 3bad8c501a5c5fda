using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Workflows;
using VoiceHub.ApiService.Workflows.Templates;
using VoiceHub.Tests.Agents;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Security;

/// <summary>
/// Hostile values in every input of every shipped template, through the API: each is a 4xx
/// ProblemDetails at creation, or a workflow that ends with a clear error; never a 5xx, never
/// anything read from the host.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class TemplateInputAttackTests(RedisServerFixture redis) : IAsyncLifetime
{
    private readonly TempWorkspace _workspace = new();
    private ApiFactory _api = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _workspace.Write(".env", "API_KEY=hunter2\n");
        _workspace.Write("suite/ok.test.js", "require('node:test')('fine', () => {});\n");
        _api = new ApiFactory(redis, new Dictionary<string, string?>
        {
            ["VoiceHub:Workspace:Root"] = _workspace.Root,
        });
        _client = _api.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _workspace.Dispose();
    }

    /// <summary>Every (template, input) pair of the shipped templates: a new template is covered without a new line.</summary>
    public static TheoryData<string, string> TemplateInputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var template in new TemplateCatalog(Options.Create(new WorkflowOptions())).All.OrderBy(t => t.Id))
        {
            foreach (var input in template.Inputs)
            {
                data.Add(template.Id, input.Name);
            }
        }

        return data;
    }

    [Theory]
    [InlineData("command", HostileInputs.NodeReporterInjection, "no input 'command'; known: runner, path")]
    [InlineData("command", HostileInputs.GitNoIndex, "no input 'command'; known: runner, path")]
    [InlineData("runner", HostileInputs.NodeReporterInjection, "must be one of auto, dotnet, node, npm, pytest, go")]
    [InlineData("runner", HostileInputs.GitNoIndex, "must be one of auto, dotnet, node, npm, pytest, go")]
    public async Task The_reported_attacks_are_400_naming_the_input_and_the_allowed_runners(string input, string value, string expected)
    {
        var response = await _client.PostAsJsonAsync("/api/workflows", new { templateId = "run-tests", inputs = new Dictionary<string, string> { [input] = value } });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Contains(expected, problem.GetProperty("errors").GetProperty($"inputs.{input}")[0].GetString());
        Assert.Contains(expected, problem.GetProperty("detail").GetString());
        Assert.DoesNotContain(redis.ConnectionString, body);
        Assert.DoesNotContain(HostileInputs.PasswdContent, body);
    }

    [Theory]
    [MemberData(nameof(TemplateInputs))]
    public async Task Hostile_values_in_any_template_input_are_refused_or_fail_cleanly(string templateId, string input)
    {
        foreach (var value in HostileInputs.Values)
        {
            var response = await _client.PostAsJsonAsync("/api/workflows", new { templateId, inputs = Inputs(templateId, input, value) });
            var body = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500, $"{templateId}.{input} = {value} → {(int)response.StatusCode}: {body}");
            if (!response.IsSuccessStatusCode)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                continue;
            }

            var done = await _client.WaitForStatusAsync(JsonDocument.Parse(body).RootElement.Id(), "Completed", "Failed");
            AssertNothingLeaked(done.GetRawText(), $"{templateId}.{input} = {value}");
            if (done.GetProperty("status").GetString() == "Failed")
            {
                Assert.Contains(done.GetProperty("steps").EnumerateArray(), s => s.GetProperty("error").GetString() is { Length: > 10 });
            }
        }
    }

    [Fact]
    public void The_old_command_allow_list_setting_stops_the_start_naming_its_replacement()
    {
        using var api = new ApiFactory(redis, new Dictionary<string, string?>
        {
            ["VoiceHub:Agents:AllowedCommands:0"] = "node --test",
        });

        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        Assert.Contains("VoiceHub:Agents:TestRunners", error.ToString());
    }

    private void AssertNothingLeaked(string workflow, string attempt)
    {
        Assert.False(workflow.Contains(HostileInputs.PasswdContent), $"{attempt} printed /etc/passwd: {workflow}");
        Assert.False(workflow.Contains(redis.ConnectionString), $"{attempt} printed the Redis connection string: {workflow}");
        Assert.False(workflow.Contains("hunter2"), $"{attempt} printed .env: {workflow}");
        Assert.False(workflow.Contains(_workspace.Root), $"{attempt} printed the workspace's location: {workflow}");
    }

    /// <summary>The hostile value in one input; the template's other required inputs get ordinary values.</summary>
    private static Dictionary<string, string> Inputs(string templateId, string input, string value)
    {
        var template = new TemplateCatalog(Options.Create(new WorkflowOptions())).Find(templateId)!;
        var inputs = template.Inputs.Where(i => i.Required && i.Name != input)
            .ToDictionary(i => i.Name, i => i.Type switch { "url" => "http://example.invalid/", "path" => "suite", _ => "zebra" });
        inputs[input] = value;
        return inputs;
    }
}
