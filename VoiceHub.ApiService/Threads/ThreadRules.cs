namespace VoiceHub.ApiService.Threads;

/// <summary>
/// What a valid thread or message looks like. Errors are keyed by the field's path
/// (<c>title</c>, <c>messages[2].text</c>) so a client can point at the exact input.
/// </summary>
internal static class ThreadRules
{
    public const int MaxTitleLength = 200;
    public const int MaxEntries = 32;
    public const int MaxKeyLength = 64;
    public const int MaxValueLength = 1024;

    private static readonly Dictionary<string, MessageRole> Roles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["user"] = MessageRole.User,
        ["hub"] = MessageRole.Hub,
        ["system"] = MessageRole.System,
        ["event"] = MessageRole.Event,
    };

    public static void CheckTitle(string? title, Dictionary<string, string[]> errors)
    {
        if (title is { Length: > MaxTitleLength })
        {
            Add(errors, "title", $"title is {title.Length} characters; the limit is {MaxTitleLength}.");
        }
    }

    /// <summary>Checks a small string map (thread metadata, message data).</summary>
    public static void CheckMap(IReadOnlyDictionary<string, string>? map, string field, Dictionary<string, string[]> errors)
    {
        if (map is null)
        {
            return;
        }

        if (map.Count > MaxEntries)
        {
            Add(errors, field, $"{field} has {map.Count} entries; the limit is {MaxEntries}.");
        }

        foreach (var (key, value) in map)
        {
            if (key.Length is 0 or > MaxKeyLength)
            {
                Add(errors, field, $"{field} keys must be 1 to {MaxKeyLength} characters; '{Shorten(key)}' is {key.Length}.");
            }

            if (value is null)
            {
                Add(errors, $"{field}.{Shorten(key)}", $"{field}.{Shorten(key)} must be a string, not null.");
            }
            else if (value.Length > MaxValueLength)
            {
                Add(errors, $"{field}.{Shorten(key)}", $"{field}.{Shorten(key)} is {value.Length} characters; the limit is {MaxValueLength}.");
            }
        }
    }

    /// <summary>Checks a message as it arrives over HTTP, role still a string.</summary>
    public static NewMessage? CheckRequest(NewMessageRequest? request, string prefix, int maxTextLength, Dictionary<string, string[]> errors)
    {
        if (request is null)
        {
            Add(errors, prefix.TrimEnd('.'), $"{prefix.TrimEnd('.')} must be a message object, not null.");
            return null;
        }

        var before = errors.Count;
        MessageRole role = default;
        if (request.Role is null || !Roles.TryGetValue(request.Role, out role))
        {
            Add(errors, prefix + "role", $"{prefix}role must be one of user, hub, system, event; got {(request.Role is null ? "nothing" : $"'{Shorten(request.Role)}'")}.");
        }

        CheckContent(request.Text, request.Data, prefix, maxTextLength, errors);
        return errors.Count == before ? new NewMessage(role, request.Text!, request.Data) : null;
    }

    /// <summary>Checks a message's text and data, whoever sends it.</summary>
    public static void CheckContent(
        string? text, IReadOnlyDictionary<string, string>? data, string prefix, int maxTextLength, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            Add(errors, prefix + "text", $"{prefix}text is required and must not be blank.");
        }
        else if (text.Length > maxTextLength)
        {
            Add(errors, prefix + "text", $"{prefix}text is {text.Length} characters; the limit is {maxTextLength}.");
        }

        CheckMap(data, prefix + "data", errors);
    }

    /// <summary>One line that lists every error, for a ProblemDetails' <c>detail</c>.</summary>
    public static string Describe(IReadOnlyDictionary<string, string[]> errors) =>
        string.Join(" ", errors.Values.SelectMany(messages => messages));

    private static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    // Echoing a client's 10 000-character key back in full helps nobody.
    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
