using System.Diagnostics.CodeAnalysis;

namespace VoiceHub.Contracts.Commands;

/// <summary>Body of <c>POST /api/commands/parse</c>.</summary>
public sealed record ParseCommandRequest(string? Text)
{
    /// <summary>Longer text is not a spoken command; the limit also bounds the matcher's work.</summary>
    public const int MaxLength = 500;

    /// <summary>Whether a command's text can be recognised; otherwise what is wrong with it, for a 400.</summary>
    public static bool IsValid([NotNullWhen(true)] string? text, [NotNullWhen(false)] out string? problem)
    {
        problem = string.IsNullOrWhiteSpace(text) ? "'text' is required and must contain words, e.g. {\"text\": \"run the tests\"}."
            : text.Length > MaxLength ? $"'text' is {text.Length} characters; a command may have at most {MaxLength}."
            : null;
        return problem is null;
    }
}
