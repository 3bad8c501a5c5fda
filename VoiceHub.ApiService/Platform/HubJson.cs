using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoiceHub.ApiService.Platform;

/// <summary>The JSON settings of everything the hub stores or streams (camelCase, web defaults).</summary>
public static class HubJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
