using System.Text.Json.Nodes;

namespace VoiceHub.ApiService.Workflows.Templates;

/// <summary>The shape of a template file as written (YAML read through System.Text.Json).</summary>
internal sealed class TemplateFile
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Category { get; set; }
    public List<string>? Requires { get; set; }
    public List<string>? Examples { get; set; }
    public List<InputFile>? Inputs { get; set; }
    public List<StepFile>? Steps { get; set; }

    public sealed class InputFile
    {
        public string? Name { get; set; }
        public string? Type { get; set; }
        public bool Required { get; set; }
        public JsonNode? Default { get; set; }
        public string? Description { get; set; }
        public int? MaxLength { get; set; }
        public string? Pattern { get; set; }
        public List<string>? Allowed { get; set; }
        public double? Min { get; set; }
        public double? Max { get; set; }
    }

    public sealed class StepFile
    {
        public string? Id { get; set; }
        public string? Agent { get; set; }
        public string? Action { get; set; }
        public JsonObject? With { get; set; }
        public List<string>? DependsOn { get; set; }
        public string? Timeout { get; set; }
        public RetryFile? Retry { get; set; }
    }

    public sealed class RetryFile
    {
        public int? MaxAttempts { get; set; }
        public string? InitialInterval { get; set; }
        public double? BackoffCoefficient { get; set; }
        public string? MaxInterval { get; set; }
    }
}
