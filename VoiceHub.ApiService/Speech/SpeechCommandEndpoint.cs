using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Commands;
using VoiceHub.ApiService.Threads;

namespace VoiceHub.ApiService.Speech;

/// <summary><c>POST /api/speech/commands</c>: recognise, then act like <c>POST /api/commands</c>.</summary>
internal static class SpeechCommandEndpoint
{
    /// <summary>Intents that change something; heard unsurely, they are confirmed before they act.</summary>
    private static readonly HashSet<string> Changing = ["StartWorkflow", "CancelWorkflow", "RetryWorkflow"];

    public static async Task<Results<Accepted<SpeechCommandReply>, Ok<SpeechCommandReply>, ProblemHttpResult>> RunSpokenCommand(
        HttpRequest request, string? engine, string? threadId, string? idempotencyKey, SpeechRecognizer speech, IntentRecognizer intents,
        CommandService commands, ThreadStore threads, IOptions<SpeechOptions> options, CancellationToken cancellationToken)
    {
        var (audio, problem) = await SpeechAudioBody.ReadAsync(request, options.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (threadId is not null && await ThreadsEndpoints.MineAsync(threadId, request.HttpContext.User, threads, cancellationToken) is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "Unknown thread",
                detail: $"There is no thread '{threadId}'. Create one with POST /api/threads, or leave threadId out.");
        }

        var (heard, engineProblem) = await speech.RecognizeAsync(audio!, engine, cancellationToken);
        if (heard is null)
        {
            return TypedResults.Problem(statusCode: engineProblem!.Status, title: "Speech engine unavailable", detail: engineProblem.Detail);
        }

        if (heard.Rejected || heard.Text.Length == 0)
        {
            return TypedResults.Problem(statusCode: 422, title: "Speech not understood",
                detail: "Sorry, I did not catch a command in that. Please say it again, for example 'run the tests' or 'list the running workflows'.",
                extensions: new Dictionary<string, object?> { ["speech"] = heard, ["action"] = CommandActions.Unmatched });
        }

        var understood = (await intents.RecognizeAsync(heard.Text, cancellationToken)).Match;
        if (understood is not null && Changing.Contains(understood.Intent) &&
            Certainty(heard, understood) < options.Value.ConfirmBelow)
        {
            return TypedResults.Ok(new SpeechCommandReply(heard, true, SpeechActions.Confirm,
                $"Did you say '{heard.Text}'? I did not start anything; send it as a typed command to confirm.", null));
        }

        return await ActAsync(heard, threadId, idempotencyKey, commands, threads, cancellationToken);
    }

    private static ProblemHttpResult Refusal(int status, string title, CommandReply reply, SpeechRecognition heard)
    {
        var extensions = CommandEndpoints.ToExtensions(reply);
        extensions["speech"] = heard;
        return TypedResults.Problem(statusCode: status, title: title, detail: reply.Reply, extensions: extensions);
    }

    /// <summary>
    /// How sure the hub is of the command as a whole: sure it heard the words, times sure what they
    /// mean. A sentence heard fairly well and matched only after the tolerant stage dropped words is
    /// doubted twice over.
    /// </summary>
    internal static double Certainty(SpeechRecognition heard, RecognizedIntent understood) => heard.Confidence * understood.Confidence;

    /// <summary>Carries the transcript out through the same service as <c>POST /api/commands</c>, and answers as it does.</summary>
    private static async Task<Results<Accepted<SpeechCommandReply>, Ok<SpeechCommandReply>, ProblemHttpResult>> ActAsync(
        SpeechRecognition heard, string? threadId, string? idempotencyKey, CommandService commands, ThreadStore threads, CancellationToken cancellationToken)
    {
        var outcome = await commands.ExecuteAsync(heard.Text, threadId, idempotencyKey, cancellationToken);
        var reply = outcome.Reply;
        if (threadId is not null)
        {
            await CommandEndpoints.RecordAsync(threads, threadId, reply, cancellationToken);
        }

        var answer = new SpeechCommandReply(heard, false, reply.Action, reply.Reply, reply);
        return outcome switch
        {
            CommandOutcome.Accepted a => TypedResults.Accepted($"/api/workflows/{a.Workflow.Id}", answer),
            CommandOutcome.Answered => TypedResults.Ok(answer),
            CommandOutcome.NotUnderstood => Refusal(422, "Command not understood", reply, heard),
            CommandOutcome.UnknownWorkflow => Refusal(404, "Command not carried out", reply, heard),
            CommandOutcome.Conflict => Refusal(409, "Command not carried out", reply, heard),
            CommandOutcome.Forbidden => Refusal(403, "Command not carried out", reply, heard),
            _ => Refusal(422, "Command not carried out", reply, heard),
        };
    }
}
