using VoiceHub.ApiService.Commands.Intents;
using VoiceHub.ApiService.Monitoring;

namespace VoiceHub.ApiService.Commands;

/// <summary>
/// Carries out a command: recognises it, then hands it to the handler of its intent (start a
/// workflow, status, list, cancel, retry, help). Unmatched commands come back with suggestions.
/// </summary>
internal sealed class CommandService(IntentRecognizer recognizer, IntentHandlers handlers, HubMetrics metrics)
{
    public async Task<CommandOutcome> ExecuteAsync(string text, string? threadId, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var result = await recognizer.RecognizeAsync(text, cancellationToken);
        if (result.Match is not { } match)
        {
            metrics.CommandUnmatched();
            var first = result.Suggestions.FirstOrDefault()?.Examples.FirstOrDefault();
            var reply = first is null
                ? "Sorry, I did not understand that. Say 'help' to hear what I can do."
                : $"Sorry, I did not understand that. Try something like '{first}'.";
            return new CommandOutcome.NotUnderstood(new CommandReply(text, null, null, null, null, CommandActions.Unmatched, reply,
                Suggestions: result.Suggestions, ThreadId: threadId));
        }

        metrics.CommandRecognised(match.Intent);
        var context = new IntentContext(text, match, threadId, idempotencyKey);
        return await handlers.For(match.Intent).HandleAsync(context, cancellationToken);
    }
}
