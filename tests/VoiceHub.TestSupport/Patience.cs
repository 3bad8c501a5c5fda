namespace VoiceHub.TestSupport;

/// <summary>How long tests wait, in one place: a wait that runs out fails with a message, never hangs.</summary>
public static class Patience
{
    /// <summary>One HTTP request.</summary>
    public static readonly TimeSpan Request = TimeSpan.FromSeconds(30);

    /// <summary>Something the system does in the background: a workflow finishing, an event arriving.</summary>
    public static readonly TimeSpan Background = TimeSpan.FromSeconds(60);

    /// <summary>Starting the whole application from the AppHost.</summary>
    public static readonly TimeSpan AppStart = TimeSpan.FromMinutes(3);
}
