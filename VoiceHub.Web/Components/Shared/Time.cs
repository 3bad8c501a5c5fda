using System.Globalization;

namespace VoiceHub.Web.Components.Shared;

/// <summary>How times and durations read on the pages.</summary>
public static class Time
{
    public static string Clock(DateTimeOffset? at) =>
        at is { } t ? t.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "–";

    public static string Stamp(DateTimeOffset? at) =>
        at is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "–";

    public static string Duration(TimeSpan? span) => span switch
    {
        null => "–",
        { TotalMilliseconds: < 1000 } s => $"{s.TotalMilliseconds:0} ms",
        { TotalSeconds: < 60 } s => $"{s.TotalSeconds:0.0} s",
        var s => $"{(int)s.Value.TotalMinutes} min {s.Value.Seconds} s",
    };

    public static TimeSpan? Between(DateTimeOffset? from, DateTimeOffset? to) => from is { } f && to is { } t ? t - f : null;
}
