using System.Text.Json;

namespace VoiceHub.ApiService.Platform;

/// <summary>Checks of JSON text that the serializer lets through but the rest of the hub cannot store or echo.</summary>
internal static class JsonText
{
    /// <summary>
    /// The JSON path of the first string (property name or value) holding an unpaired UTF-16
    /// surrogate, e.g. from an escaped <c>\ud800</c>; null when every string is valid Unicode or the
    /// JSON is malformed (the serializer reports that with its own message).
    /// </summary>
    public static string? FindLoneSurrogate(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped
                    && !TryGetValidString(ref reader))
                {
                    return $"byte {reader.TokenStartIndex}";
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    /// <summary>False when the string unescapes to an unpaired surrogate (the reader refuses some such escapes itself).</summary>
    private static bool TryGetValidString(ref Utf8JsonReader reader)
    {
        try
        {
            return !HasLoneSurrogate(reader.GetString()!);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
