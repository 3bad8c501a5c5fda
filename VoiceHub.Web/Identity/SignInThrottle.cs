using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace VoiceHub.Web.Identity;

/// <summary>
/// Failed sign-ins per client address: after <see cref="FailedSignInSettings.PermitLimit"/> failures
/// within <see cref="FailedSignInSettings.Window"/>, every sign-in attempt from that address is refused
/// (429) until the window that began with its first failure ends. Kept in memory per web replica.
/// </summary>
public sealed class SignInThrottle(IOptions<WebAuthOptions> options, TimeProvider time)
{
    private const int MaxTracked = 100_000;

    private readonly ConcurrentDictionary<string, (DateTimeOffset Start, int Failures)> _failures = new();

    private FailedSignInSettings Settings => options.Value.FailedSignIns;

    /// <summary>How long <paramref name="client"/> must wait, or null when it may try.</summary>
    public TimeSpan? RetryAfter(IPAddress? client)
    {
        var now = time.GetUtcNow();
        if (!_failures.TryGetValue(Key(client), out var entry) || now - entry.Start >= Settings.Window)
        {
            return null;
        }

        return entry.Failures >= Settings.PermitLimit ? entry.Start + Settings.Window - now : null;
    }

    public void RecordFailure(IPAddress? client)
    {
        var now = time.GetUtcNow();
        if (_failures.Count >= MaxTracked)
        {
            foreach (var stale in _failures.Where(f => now - f.Value.Start >= Settings.Window).Select(f => f.Key).ToList())
            {
                _failures.TryRemove(stale, out _);
            }
        }

        _failures.AddOrUpdate(Key(client), (now, 1), (_, entry) => now - entry.Start >= Settings.Window ? (now, 1) : (entry.Start, entry.Failures + 1));
    }

    private static string Key(IPAddress? client) => client?.ToString() ?? "unknown";
}
