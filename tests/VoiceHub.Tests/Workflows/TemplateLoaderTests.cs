using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Workflows;
using VoiceHub.ApiService.Workflows.Templates;

namespace VoiceHub.Tests.Workflows;

public sealed class TemplateLoaderTests
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    private static WorkflowTemplate Parse(string yaml) => TemplateLoader.Parse(yaml, "t.yaml", DefaultTimeout);

    private static string Error(string yaml) => Assert.Throws<TemplateLoadException>(() => Parse(yaml)).Message;

    [Fact]
    public void Every_shipped_template_loads_and_the_original_six_are_there()
    {
        var catalog = new TemplateCatalog(Options.Create(new WorkflowOptions()));

        foreach (var id in new[] { "code-review", "api-development", "etl-pipeline", "data-insights", "market-research", "test-suite",
                                   "run-tests", "repo-status", "check-url", "research-docs", "self-test" })
        {
            Assert.NotNull(catalog.Find(id));
        }
    }

    [Fact]
    public void Steps_follow_the_previous_step_unless_depends_on_says_otherwise()
    {
        var template = Parse("""
            id: t
            name: T
            steps:
              - { id: a, agent: system, action: echo }
              - { id: b, agent: system, action: echo }
              - { id: c, agent: system, action: echo, dependsOn: [] }
              - { id: d, agent: system, action: echo, dependsOn: [b, c], timeout: 250ms, retry: { maxAttempts: 5, initialInterval: 2s } }
            """);

        Assert.Equal([], template.Steps[0].DependsOn);
        Assert.Equal(["a"], template.Steps[1].DependsOn);
        Assert.Equal([], template.Steps[2].DependsOn);
        Assert.Equal(["b", "c"], template.Steps[3].DependsOn);
        Assert.Equal(TimeSpan.FromMilliseconds(250), template.Steps[3].Timeout);
        Assert.Equal(DefaultTimeout, template.Steps[0].Timeout);
        Assert.Equal(5, template.Steps[3].Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(200), template.Steps[3].Retry.MaxInterval);
    }

    [Fact]
    public void Plain_scalars_keep_their_type_and_quoted_ones_stay_text()
    {
        var template = Parse("""
            id: t
            name: T
            steps:
              - id: a
                agent: system
                action: echo
                with: { n: 12, x: 1.5, yes: true, text: "12", none: null }
            """);

        var with = template.Steps[0].With;
        Assert.Equal(12, with["n"]!.GetValue<long>());
        Assert.Equal(1.5, with["x"]!.GetValue<double>());
        Assert.True(with["yes"]!.GetValue<bool>());
        Assert.Equal("12", with["text"]!.GetValue<string>());
        Assert.Null(with["none"]);
    }

    [Fact]
    public void Yaml_syntax_error_names_file_and_line()
    {
        var message = Error("id: t\nname: T\nsteps:\n  - id: a\n    agent: [unclosed\n");

        Assert.StartsWith("t.yaml (line ", message);
    }

    [Fact]
    public void Unknown_dependency_names_the_step_and_its_line()
    {
        var message = Error("""
            id: t
            name: T
            steps:
              - { id: a, agent: system, action: echo }
              - { id: b, agent: system, action: echo, dependsOn: [zzz] }
            """);

        Assert.Contains("t.yaml (line 5)", message);
        Assert.Contains("step 'b' depends on 'zzz'", message);
    }

    [Fact]
    public void Reference_to_a_step_that_is_not_an_ancestor_is_refused()
    {
        var message = Error("""
            id: t
            name: T
            steps:
              - { id: a, agent: system, action: echo }
              - { id: b, agent: system, action: echo, dependsOn: [] }
              - { id: c, agent: system, action: echo, dependsOn: [b], with: { v: "${steps.a.output}" } }
            """);

        Assert.Contains("step 'c' references '${steps.a.output}'", message);
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_at_once()
    {
        var message = Error("""
            id: Bad_Id
            name: T
            requires: [teleport]
            inputs:
              - { name: p, type: colour }
            steps:
              - { id: a, agent: system, action: echo, timeout: soon, with: { v: "${inputs.q}" } }
              - { id: a, agent: system, action: echo }
            """);

        Assert.Contains("id is required", message);
        Assert.Contains("unknown requirement 'teleport'", message);
        Assert.Contains("unknown type 'colour'", message);
        Assert.Contains("timeout 'soon'", message);
        Assert.Contains("'${inputs.q}'", message);
        Assert.Contains("step 2 needs a unique id", message);
    }

    [Fact]
    public void Bad_template_file_fails_catalog_start_up_with_its_name()
    {
        var folder = Directory.CreateTempSubdirectory("voicehub-bad-templates-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "broken.yaml"), "id: broken\nname: Broken\nsteps: []\n");
            var options = Options.Create(new WorkflowOptions { ExtraTemplatesPath = folder });

            var error = Assert.Throws<TemplateLoadException>(() => new TemplateCatalog(options));

            Assert.Contains("broken.yaml", error.Message);
            Assert.Contains("at least one step", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("integer", "12", null)]
    [InlineData("integer", "twelve", "must be a integer")]
    [InlineData("url", "ftp://x", "http or https")]
    [InlineData("boolean", "maybe", "true or false")]
    [InlineData("number", "7.5", null)]
    public void Inputs_are_checked_by_type(string type, string value, string? expectedError)
    {
        var template = Parse($$"""
            id: t
            name: T
            inputs:
              - { name: v, type: {{type}}, required: true }
            steps:
              - { id: a, agent: system, action: echo }
            """);

        var (_, errors) = TemplateInputValidator.Validate(template, new JsonObject { ["v"] = value });

        if (expectedError is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Contains(expectedError, errors["inputs.v"][0]);
        }
    }
}
