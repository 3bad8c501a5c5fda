using VoiceHub.ApiService.Workflows;
using VoiceHub.ApiService.Workflows.Templates;

namespace VoiceHub.ApiService.Commands;

/// <summary>A free-text workflow task read with the same recogniser as spoken commands.</summary>
internal sealed class WorkflowTaskInterpreter(IntentRecognizer recognizer, TemplateCatalog templates) : IWorkflowTaskInterpreter
{
    public async Task<TaskInterpretation> InterpretAsync(string task, CancellationToken cancellationToken)
    {
        var result = await recognizer.RecognizeAsync(task, cancellationToken);
        if (result.Match is not { } match)
        {
            return new(null, [], $"No workflow matches '{task}'. Try one of the suggested sentences, or name a templateId.",
                result.Suggestions.Cast<object>().ToList());
        }

        if (match.Intent != "StartWorkflow" || match.GetText("template") is not { } templateId || templates.Find(templateId) is not { } template)
        {
            return new(null, [], $"'{task}' is understood as {match.Intent}, not as starting a workflow; send it to POST /api/commands.");
        }

        var inputs = match.InputsFor(template);

        return new(template.Id, inputs, null);
    }
}
