using System.Globalization;
using System.Text.RegularExpressions;

namespace VoiceHub.ApiService.Workflows.Templates;

/// <summary>Durations as templates write them: "500ms", "30s", "2m", "1h".</summary>
internal static partial class DurationText
{
    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)\s*$")]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        var match = text is null ? null : Pattern().Match(text);
        if (match is null || !match.Success)
        {
            return false;
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        duration = match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(value),
            "s" => TimeSpan.FromSeconds(value),
            "m" => TimeSpan.FromMinutes(value),
            _ => TimeSpan.FromHours(value),
        };
        return duration > TimeSpan.Zero;
    }
}
