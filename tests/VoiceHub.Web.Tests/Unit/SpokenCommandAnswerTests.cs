using System.Net;
using VoiceHub.Web.ApiClients;

namespace VoiceHub.Web.Tests.Unit;

/// <summary>How the web reads <c>POST /api/speech/commands</c>: every answer becomes something the console can show.</summary>
public sealed class SpokenCommandAnswerTests
{
    private const string Heard = """
        "speech": { "text": "run the tests", "alternatives": [], "confidence": 0.62, "engine": "pocketsphinx", "durationMs": 1500, "elapsedMs": 90, "rejected": false }
        """;

    [Fact]
    public async Task Unsure_change_is_read_as_a_question_to_confirm_with_the_transcript()
    {
        var api = new HubApiClientTests.StubApi(HttpStatusCode.OK, "{" + Heard + """
            , "needsConfirmation": true, "action": "confirm", "reply": "Did you say 'run the tests'?", "command": null }
            """);
        var client = new HubApiClient(api.Client, SignedIn.As("alice", "operator"));

        var result = await client.SendSpokenCommandAsync([1, 2, 3], "thr_1");

        Assert.True(result.NeedsConfirmation);
        Assert.Equal("run the tests", result.Heard!.Text);
        Assert.Equal(SpeechActions.Confirm, result.Reply.Action);
        Assert.False(result.Reply.IsError);
        Assert.Equal("/api/speech/commands?threadId=thr_1", api.Last!.RequestUri!.PathAndQuery);
        Assert.Equal("audio/wav", api.Last.Content!.Headers.ContentType!.MediaType);
    }

    [Fact]
    public void Rejected_speech_asks_to_say_it_again_and_is_not_an_error()
    {
        var body = """{ "title": "Speech not understood", "status": 422, "detail": "Sorry, I did not catch a command in that.", "action": "unmatched", """
            + Heard.Replace("\"rejected\": false", "\"rejected\": true") + " }";

        var result = HubApiClient.ReadSpokenAnswer(HttpStatusCode.UnprocessableEntity, body, null);

        Assert.True(result.Heard!.Rejected);
        Assert.Equal(CommandActions.Unmatched, result.Reply.Action);
        Assert.False(result.Reply.IsError);
        Assert.StartsWith("Sorry, I did not catch", result.Reply.Reply);
    }

    [Fact]
    public void Refused_command_keeps_its_reply_and_counts_as_an_error()
    {
        var body = """{ "title": "Command not carried out", "status": 404, "detail": "There is no workflow 9.", "text": "cancel workflow nine", "intent": "CancelWorkflow", "action": "refused", "reply": "There is no workflow 9.", """
            + Heard + " }";

        var result = HubApiClient.ReadSpokenAnswer(HttpStatusCode.NotFound, body, null);

        Assert.Equal("There is no workflow 9.", result.Reply.Reply);
        Assert.True(result.Reply.IsError);
        Assert.NotNull(result.Heard);
    }

    [Fact]
    public void Problem_without_speech_becomes_an_error_reply_with_the_detail()
    {
        var result = HubApiClient.ReadSpokenAnswer(HttpStatusCode.RequestEntityTooLarge,
            """{ "title": "Audio too large", "status": 413, "detail": "At most 15 s of audio." }""", null);

        Assert.Null(result.Heard);
        Assert.True(result.Reply.IsError);
        Assert.Equal("At most 15 s of audio.", result.Reply.Reply);
    }
}
