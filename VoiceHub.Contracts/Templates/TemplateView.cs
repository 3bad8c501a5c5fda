namespace VoiceHub.Contracts.Templates;

/// <summary>A template as clients see it, with whether it can start here and what it lacks.</summary>
public sealed record TemplateView(
    string Id, string Name, string Description, string Category, IReadOnlyList<string> Requires,
    IReadOnlyList<TemplateInput> Inputs, IReadOnlyList<TemplateStepView> Steps, IReadOnlyList<string> Examples,
    bool Available, IReadOnlyList<string> Missing);

/// <summary>A step of a template: which agent does what, after which steps, with what timeout and attempts.</summary>
public sealed record TemplateStepView(string Id, string Agent, string Action, IReadOnlyList<string> DependsOn, double TimeoutSeconds, int MaxAttempts);

/// <summary>An input of a template, validated before a workflow is created.</summary>
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
