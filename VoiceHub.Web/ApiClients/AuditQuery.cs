using System.Globalization;

namespace VoiceHub.Web.ApiClients;

/// <summary>What the Audit page asks <c>GET /api/audit</c> for: a page and the filters people typed.</summary>
public sealed record AuditQuery(int Page, int Limit, string? Principal, string? Action, DateTimeOffset? From, DateTimeOffset? To)
{
    public string ToQueryString()
    {
        var parts = new List<string> { $"page={Page}", $"limit={Limit}" };
        Add("principal", Principal);
        Add("action", Action);
        Add("from", From?.ToString("O", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("O", CultureInfo.InvariantCulture));
        return "?" + string.Join('&', parts);

        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value.Trim()));
            }
        }
    }
}
