using System.Text.Json.Serialization;

namespace VoiceHub.Contracts.Threads;

/// <summary>Who a message comes from. Written as lowercase strings in JSON.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MessageRole>))]
public enum MessageRole
{
    /// <summary>What the person said or typed.</summary>
    [JsonStringEnumMemberName("user")] User,

    /// <summary>The hub's reply.</summary>
    [JsonStringEnumMemberName("hub")] Hub,

    /// <summary>Instructions or context set by the system.</summary>
    [JsonStringEnumMemberName("system")] System,

    /// <summary>Something that happened, e.g. a recognised intent or a workflow's outcome.</summary>
    [JsonStringEnumMemberName("event")] Event,
}

/// <summary>The names <see cref="MessageRole"/> has in JSON, for clients that show or style them.</summary>
public static class MessageRoles
{
    public static string Name(this MessageRole role) => role switch
    {
        MessageRole.User => "user",
        MessageRole.Hub => "hub",
        MessageRole.System => "system",
        _ => "event",
    };
}
