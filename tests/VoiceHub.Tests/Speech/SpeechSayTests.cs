using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHub.Tests.Infrastructure;
using VoiceHub.TestSupport.Redis;

namespace VoiceHub.Tests.Speech;

/// <summary><c>POST /api/speech/say</c>: replies read aloud by espeak-ng, and the text can never become an option or a command.</summary>
[Collection(RedisCollection.Name)]
public sealed class SpeechSayTests(RedisServerFixture redis) : ApiTest(redis)
{
    private static readonly string Planted = Path.Combine(Path.GetTempPath(), "voicehub-say-attack-" + Guid.NewGuid().ToString("N"));

    private async Task<(HttpStatusCode Status, string? Type, byte[] Body)> SayAsync(object body)
    {
        using var response = await Client.PostAsJsonAsync("/api/speech/say", body);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
    }

    private static void AssertSealedWav(byte[] wav)
    {
        Assert.True(wav.Length > 44, "no audio");
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(wav, 0, 4));
        Assert.Equal(wav.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(4)));
        Assert.Equal("data", System.Text.Encoding.ASCII.GetString(wav, 36, 4));
        Assert.Equal(wav.Length - 44, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(40)));
    }

    [SpeechFact]
    public async Task Reply_is_answered_as_a_wav_with_true_sizes()
    {
        var (status, type, wav) = await SayAsync(new { text = "Workflow 12 has completed." });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("audio/wav", type);
        AssertSealedWav(wav);
        var rate = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24));
        Assert.True((wav.Length - 44) / 2.0 / rate > 0.8, "a sentence lasts longer than that");
    }

    [SpeechFact]
    public async Task Capability_reports_the_synthesiser()
    {
        var body = await Client.GetFromJsonAsync<JsonElement>("/api/speech");

        var synthesis = body.GetProperty("synthesis");
        Assert.Equal("espeak-ng", synthesis.GetProperty("name").GetString());
        Assert.True(synthesis.GetProperty("available").GetBoolean());
    }

    [Theory]
    [InlineData("{}", "'text' is required")]
    [InlineData("""{"text": "   "}""", "'text' is required")]
    [InlineData("""{"text": 12}""", "text")]
    [InlineData("[1, 2]", "JSON")]
    public async Task Missing_or_malformed_text_is_a_400_saying_what_to_send(string json, string detail)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/api/speech/say", content);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Text_over_the_limit_is_refused_before_anything_runs()
    {
        var (status, _, body) = await SayAsync(new { text = new string('a', SpeechLimits.MaxSayCharacters + 1) });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"at most {SpeechLimits.MaxSayCharacters}", System.Text.Encoding.UTF8.GetString(body));
    }

    [SpeechTheory]
    [InlineData("--version")]
    [InlineData("-w {planted}.wav hello")]
    [InlineData("--stdout -f /etc/passwd")]
    [InlineData("$(touch {planted}) `touch {planted}`; touch {planted} && echo pwned | tee {planted}")]
    [InlineData("hello\n-w {planted}.wav\r\n--version")]
    [InlineData("<speak><audio src=\"file:///etc/passwd\"/></speak>")]
    public async Task Text_that_looks_like_options_markup_or_shell_is_only_spoken(string attack)
    {
        var (status, type, wav) = await SayAsync(new { text = attack.Replace("{planted}", Planted, StringComparison.Ordinal) });

        // A text on the command line would print espeak-ng's version or write a file instead of a WAV on stdout.
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("audio/wav", type);
        AssertSealedWav(wav);
        Assert.False(File.Exists(Planted), "a shell ran the text");
        Assert.False(File.Exists(Planted + ".wav"), "the text became an espeak-ng option");
    }

    [Fact]
    public void Control_characters_become_spaces()
    {
        Assert.Equal("one two   three", ApiService.Speech.Synthesis.SayEndpoint.Speakable("one\ntwo\r\n\tthree\u0007"));
    }
}
