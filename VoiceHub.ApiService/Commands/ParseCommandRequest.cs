namespace VoiceHub.ApiService.Commands;

/// <summary>Body of <c>POST /api/commands/parse</c>.</summary>
public sealed record ParseCommandRequest(string? Text)
{
    /// <summary>Longer text is not a spoken command; the limit also bounds the matcher's work.</summary>
    public const int MaxLength = 500;
}
