using VoiceHub.ApiService.Commands.Matching;
namespace VoiceHub.ApiService.Commands;

/// <summary>
/// Turns a command's text into an intent by asking each <see cref="IRecognitionStage"/> in turn;
/// when none understands it, answers with the closest intents as suggestions.
/// </summary>
public sealed class IntentRecognizer(IEnumerable<IRecognitionStage> stages, IntentSuggester suggester)
{
    private readonly IRecognitionStage[] _stages = stages.ToArray();

    /// <summary>Names of the stages, in the order they run.</summary>
    public IReadOnlyList<string> StageNames => _stages.Select(s => s.Name).ToArray();

    public async ValueTask<RecognitionResult> RecognizeAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var stage in _stages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await stage.RecognizeAsync(text, cancellationToken) is { } match)
            {
                return new RecognitionResult(text, match, []);
            }
        }

        return new RecognitionResult(text, null, suggester.Suggest(text));
    }
}
