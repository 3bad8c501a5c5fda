using System.Security.Cryptography;
using System.Text;

namespace VoiceHub.ApiService.Platform.WarmUp;

/// <summary>Whether the start-up warm-up is over (finished, skipped or timed out), and how it went.</summary>
public sealed class WarmUpState
{
    /// <summary>Header by which the warm-up's own calls are known (see <see cref="IsOwnCall"/>).</summary>
    public const string Header = "X-VoiceHub-Warm-Up";

    private readonly byte[] _token = Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
    private volatile string? _outcome;

    public bool IsOver => _outcome is not null;

    /// <summary>One sentence for the health check: what the warm-up did.</summary>
    public string Outcome => _outcome ?? "warming up: the API's read routes are being called before it takes traffic";

    /// <summary>This process's warm-up secret: random per start, never stored or logged, sent only to itself over loopback.</summary>
    internal string Token => Encoding.ASCII.GetString(_token);

    public void Finish(string outcome) => _outcome = outcome;

    /// <summary>
    /// Whether a request is one of the warm-up's own calls: it carries this process's secret, and the
    /// warm-up still runs (afterwards the header means nothing). Those calls do not spend the bootstrap
    /// admin's rate-limit budget: forty rounds of six routes would spend more than a minute's budget.
    /// </summary>
    public bool IsOwnCall(HttpContext context) =>
        !IsOver
        && context.Request.Headers[Header] is { Count: 1 } values
        && values[0] is { } given
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(given), _token);
}
