using System.Net;
using VoiceHub.ApiService.Agents.Http;
using VoiceHub.ApiService.Platform.Options;

namespace VoiceHub.ApiService.Webhooks;

/// <summary>Settings of outbound webhooks (section <c>VoiceHub:Webhooks</c>).</summary>
public sealed class WebhookOptions : IValidatedOptions
{
    public static string SectionName => "VoiceHub:Webhooks";

    /// <summary>
    /// <c>host[:port]</c> entries (the http agent's syntax) that may be reached although they are not public:
    /// a private, loopback, link-local or metadata address (169.254.169.254) is refused unless that address
    /// is listed with its port (<c>127.0.0.1:9000</c>; <c>localhost:9000</c> stands for loopback). Public
    /// addresses need no entry.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Wait before the first retry; each further retry waits twice as long (with jitter), up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a delivery is retried from its first attempt (about a day).</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Attempts of one delivery at most, whatever the window.</summary>
    public int MaxAttempts { get; set; } = 40;

    /// <summary>Consecutive failed attempts (any delivery) after which a subscription is disabled.</summary>
    public int DisableAfterFailures { get; set; } = 50;

    /// <summary>How long a claimed delivery stays with the replica that claimed it; after that another replica takes it.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Time the receiver has to answer one attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often an idle replica looks for due deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries one replica claims (and sends at once) per round.</summary>
    public int ClaimBatch { get; set; } = 16;

    /// <summary>Deliveries (with their attempts) kept per subscription; older ones are dropped.</summary>
    public int DeliveriesKept { get; set; } = 200;

    /// <summary>How stale a replica's view of the subscriptions may be (changes made on the replica itself apply at once).</summary>
    public TimeSpan SubscriptionRefresh { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxSubscriptionsPerOwner { get; set; } = 50;

    /// <summary>False makes a replica that enqueues but never sends.</summary>
    public bool RunDispatcher { get; set; } = true;

    private HttpAgentOptions HostList => new() { AllowedHosts = AllowedHosts };

    /// <summary>Whether a non-public address may be reached on a port: listed itself, or loopback for a listed localhost.</summary>
    public bool AllowsAddress(IPAddress address, int port) => HostList.AllowsAddress(address, port);

    public IEnumerable<string> Problems()
    {
        if (HostList.InvalidEntries.Any()) yield return "AllowedHosts entries must be host or host:port (no scheme, path or wildcard).";
        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff) yield return "InitialBackoff must be positive and MaxBackoff at least InitialBackoff.";
        if (RetryWindow <= TimeSpan.Zero) yield return "RetryWindow must be positive.";
        if (MaxAttempts is < 1 or > 1000) yield return "MaxAttempts must be 1..1000.";
        if (DisableAfterFailures < 1) yield return "DisableAfterFailures must be 1 or more.";
        if (RequestTimeout <= TimeSpan.Zero || VisibilityTimeout <= RequestTimeout) yield return "VisibilityTimeout must be longer than RequestTimeout, or a slow receiver's delivery would be taken over while it is sent.";
        if (PollInterval <= TimeSpan.Zero) yield return "PollInterval must be positive.";
        if (ClaimBatch is < 1 or > 1000) yield return "ClaimBatch must be 1..1000.";
        if (DeliveriesKept is < 1 or > 100000) yield return "DeliveriesKept must be 1..100000.";
        if (SubscriptionRefresh <= TimeSpan.Zero) yield return "SubscriptionRefresh must be positive.";
        if (MaxSubscriptionsPerOwner < 1) yield return "MaxSubscriptionsPerOwner must be 1 or more.";
    }
}
