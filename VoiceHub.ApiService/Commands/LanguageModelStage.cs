using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using VoiceHub.ApiService.Commands.Matching;
using VoiceHub.ApiService.LanguageModel;

namespace VoiceHub.ApiService.Commands;

/// <summary>
/// Second recognition stage, after the grammar: asks the configured language model to map a
/// sentence the grammar did not match onto one of the grammar's intents and slots. Its answer is
/// checked against the grammar (known intent, list slots with known values, numbers in range), so
/// the model can only choose, never invent, an action. Without a model, or while its circuit is
/// open, it passes at once and the grammar's suggestions stand.
/// </summary>
internal sealed class LanguageModelStage(IServiceProvider services, CompiledGrammar grammar, LanguageModelStatus status, ILogger<LanguageModelStage> logger)
    : IRecognitionStage
{
    /// <summary>A model's match is a guess, never as sure as a word-for-word grammar match.</summary>
    public const double MaxConfidence = 0.8;

    private readonly Lazy<string> _systemPrompt = new(() => BuildSystemPrompt(grammar));

    public string Name => "llm";

    public async ValueTask<RecognizedIntent?> RecognizeAsync(string text, CancellationToken cancellationToken)
    {
        if (!status.IsAcceptingCalls || services.GetService<IChatClient>() is not { } chat)
        {
            return null;
        }

        try
        {
            var response = await chat.GetResponseAsync(
                [new ChatMessage(ChatRole.System, _systemPrompt.Value), new ChatMessage(ChatRole.User, text)],
                new ChatOptions { MaxOutputTokens = 200, Temperature = 0 },
                cancellationToken);
            return Interpret(response.Text, grammar);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The grammar's answer (suggestions) stands; the breaker and health report the model's trouble.
            logger.LogWarning(ex, "Language-model recognition failed; falling back to the grammar's answer");
            return null;
        }
    }

    /// <summary>Validates the model's JSON answer against the grammar; anything doubtful is no match.</summary>
    internal static RecognizedIntent? Interpret(string? answer, CompiledGrammar grammar)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return null;
        }

        var start = answer.IndexOf('{');
        var end = answer.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(answer.AsMemory(start, end - start + 1));
            var root = document.RootElement;
            if (!root.TryGetProperty("intent", out var intentElement) || intentElement.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var intent = grammar.Intents.FirstOrDefault(i => i.Name == intentElement.GetString());
            if (intent is null)
            {
                return null;
            }

            if (ReadSlots(root, intent) is not { } slots)
            {
                return null;
            }

            var confidence = root.TryGetProperty("confidence", out var c) && c.TryGetDouble(out var value) ? value : MaxConfidence;
            return new RecognizedIntent(intent.Name, slots, Math.Clamp(confidence, 0.1, MaxConfidence), "llm", "language model");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The answer's slots, or null when one names a value the grammar does not know.</summary>
    private static Dictionary<string, SlotValue>? ReadSlots(JsonElement root, IntentDescription intent)
    {
        var slots = new Dictionary<string, SlotValue>();
        if (!root.TryGetProperty("slots", out var slotsElement) || slotsElement.ValueKind != JsonValueKind.Object)
        {
            return slots;
        }

        foreach (var property in slotsElement.EnumerateObject())
        {
            var slot = intent.Slots.FirstOrDefault(s => s.Name == property.Name);
            var raw = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                _ => null,
            };
            if (slot is null || string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            switch (slot.Kind)
            {
                case "list" when slot.Values?.Contains(raw) == true:
                    slots[slot.Name] = new SlotValue(raw, null);
                    break;
                case "number" when int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var number):
                    slots[slot.Name] = new SlotValue(number, raw);
                    break;
                case "text":
                    slots[slot.Name] = new SlotValue(raw, raw);
                    break;
                default:
                    return null; // a list value or number the grammar does not know: not trusted
            }
        }

        return slots;
    }

    private static string BuildSystemPrompt(CompiledGrammar grammar)
    {
        var prompt = new StringBuilder("""
            You map one spoken or typed command for a workflow automation hub to exactly one of the intents below.
            Answer with JSON only: {"intent": "<name>", "slots": {"<slot>": "<value>"}, "confidence": <0..1>},
            or {"intent": null} when none fits. Use only the listed slot names; for list slots use only the listed values.

            """);
        foreach (var intent in grammar.Intents)
        {
            prompt.Append(CultureInfo.InvariantCulture, $"- {intent.Name}: {intent.Description}");
            foreach (var slot in intent.Slots)
            {
                prompt.Append(CultureInfo.InvariantCulture, $" slot {slot.Name} ({slot.Kind}{(slot.Values is { Count: > 0 } v ? ": " + string.Join("|", v) : "")});");
            }

            prompt.Append(CultureInfo.InvariantCulture, $" e.g. \"{string.Join("\", \"", intent.Examples.Take(3))}\"\n");
        }

        return prompt.ToString();
    }
}
