using System.Text.Json.Serialization;

namespace VoiceHub.Web.ApiClients;

/// <summary>
/// The hub's answer to a command (<c>POST /api/commands</c>), also read from the 422 problem
/// of an unmatched command, whose extensions carry the same fields.
/// </summary>
public sealed record CommandResult(
    string Text,
    string? Intent,
    IReadOnlyDictionary<string, CommandSlot>? Slots,
    double? Confidence,
    string? Stage,
    string Action,
    string Reply,
    Workflow? Workflow,
    IReadOnlyList<Workflow>? Workflows,
    IReadOnlyList<CommandSuggestion>? Suggestions,
    string? ThreadId)
{
    /// <summary>The action of an answer that is not the hub's: the API failed or could not be reached.</summary>
    public const string ErrorAction = "error";

    [JsonIgnore]
    public bool IsError => Action == ErrorAction;

    public static CommandResult Failed(string text, string reply, string? threadId) =>
        new(text, null, null, 0, null, ErrorAction, reply, null, null, null, threadId);
}

public sealed record CommandSlot(System.Text.Json.JsonElement Value, string? Text);

public sealed record CommandSuggestion(string Intent, string? Description, IReadOnlyList<string>? Examples, double Score);
