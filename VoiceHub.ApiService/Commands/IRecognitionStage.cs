namespace VoiceHub.ApiService.Commands;

/// <summary>
/// One way of understanding a command. Stages run in registration order and the first match
/// wins, so cheap, exact stages (the grammar) go first and a language model, if ever added,
/// goes after them.
/// </summary>
public interface IRecognitionStage
{
    /// <summary>Recorded in <see cref="RecognizedIntent.Stage"/>, e.g. <c>grammar</c>.</summary>
    string Name { get; }

    /// <summary>The recognised intent, or null when this stage does not understand the text.</summary>
    ValueTask<RecognizedIntent?> RecognizeAsync(string text, CancellationToken cancellationToken);
}
