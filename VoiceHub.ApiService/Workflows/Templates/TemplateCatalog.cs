using Microsoft.Extensions.Options;

namespace VoiceHub.ApiService.Workflows.Templates;

/// <summary>
/// Every workflow template, loaded and validated once at start-up from the YAML files shipped
/// with the API (<c>Workflows/Templates/*.yaml</c>). A bad file stops start-up with its name,
/// line and reason.
/// </summary>
public sealed class TemplateCatalog
{
    private readonly Dictionary<string, WorkflowTemplate> _templates;

    public TemplateCatalog(IOptions<WorkflowOptions> options)
        : this(TemplateFiles(options.Value).Select(f => TemplateLoader.Load(f, options.Value.DefaultStepTimeout)))
    {
    }

    public TemplateCatalog(IEnumerable<WorkflowTemplate> templates)
    {
        _templates = new Dictionary<string, WorkflowTemplate>(StringComparer.OrdinalIgnoreCase);
        foreach (var template in templates)
        {
            if (!_templates.TryAdd(template.Id, template))
            {
                throw new TemplateLoadException($"Two templates have the id '{template.Id}'.");
            }
        }
    }

    private static IEnumerable<string> TemplateFiles(WorkflowOptions options)
    {
        var files = Directory.GetFiles(DefaultFolder, "*.yaml").Order().ToList();
        if (!string.IsNullOrWhiteSpace(options.ExtraTemplatesPath))
        {
            if (!Directory.Exists(options.ExtraTemplatesPath))
            {
                throw new TemplateLoadException(
                    $"VoiceHub:Workflows:ExtraTemplatesPath '{options.ExtraTemplatesPath}' is not a folder.");
            }

            files.AddRange(Directory.GetFiles(options.ExtraTemplatesPath, "*.yaml").Order());
        }

        return files;
    }

    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "Workflows", "Templates");

    public IReadOnlyCollection<WorkflowTemplate> All => _templates.Values;

    public WorkflowTemplate? Find(string id) => _templates.GetValueOrDefault(id);
}
