namespace VoiceHub.Web.ApiClients;

/// <summary>A workflow template with whether it can start here and what it lacks.</summary>
public sealed record WorkflowTemplate(
    string Id,
    string Name,
    string Description,
    string Category,
    IReadOnlyList<string>? Requires,
    IReadOnlyList<TemplateInput> Inputs,
    IReadOnlyList<TemplateStep> Steps,
    IReadOnlyList<string>? Examples,
    bool Available,
    IReadOnlyList<string>? Missing);

/// <summary>An input of a template; the API validates it again when the workflow starts.</summary>
public sealed record TemplateInput(
    string Name,
    string Type,
    bool Required,
    string? Default,
    string? Description,
    int? MaxLength,
    string? Pattern,
    IReadOnlyList<string>? Allowed,
    double? Min,
    double? Max);

public sealed record TemplateStep(string Id, string Agent, string Action, IReadOnlyList<string>? DependsOn, double TimeoutSeconds, int MaxAttempts);
