using System.Net;
using System.Text.Json.Nodes;

namespace VoiceHub.Web.ApiClients;

/// <summary>Inbound hooks and outbound webhook subscriptions.</summary>
public sealed partial class HubApiClient
{
    // ---- Hooks ----

    public Task<IReadOnlyList<HookView>> ListHooksAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<HookView>>("/api/hooks", cancellationToken);

    /// <summary>Creates a hook; the answer holds its secret, the only time it is shown. A 400 names each bad field.</summary>
    public Task<ApiResult<CreatedHook>> CreateHookAsync(
        string templateId, string? name, JsonObject inputs, IReadOnlyDictionary<string, string> mapping, CancellationToken cancellationToken = default) =>
        SendForAsync<CreatedHook>(HttpMethod.Post, "/api/hooks", new { templateId, name, inputs, mapping }, cancellationToken);

    public Task<ApiResult<HookView>> SetHookPausedAsync(string id, bool paused, CancellationToken cancellationToken = default) =>
        SendForAsync<HookView>(HttpMethod.Post, $"/api/hooks/{Uri.EscapeDataString(id)}/{(paused ? "pause" : "resume")}", null, cancellationToken);

    public Task<ApiResult<HookView>> DeleteHookAsync(string id, CancellationToken cancellationToken = default) =>
        SendForAsync<HookView>(HttpMethod.Delete, $"/api/hooks/{Uri.EscapeDataString(id)}", null, cancellationToken);

    // ---- Webhooks ----

    public Task<IReadOnlyList<WebhookView>> ListWebhooksAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<WebhookView>>("/api/webhooks", cancellationToken);

    /// <summary>Subscribes a URL; the answer holds the signing secret, the only time it is shown. A 400 names each bad field.</summary>
    public Task<ApiResult<CreatedWebhook>> CreateWebhookAsync(
        string url, IReadOnlyList<string> events, string? templateId, string? description, CancellationToken cancellationToken = default) =>
        SendForAsync<CreatedWebhook>(HttpMethod.Post, "/api/webhooks", new { url, events, templateId, description }, cancellationToken);

    public Task<ApiResult<WebhookView>> EnableWebhookAsync(string id, CancellationToken cancellationToken = default) =>
        SendForAsync<WebhookView>(HttpMethod.Post, $"/api/webhooks/{Uri.EscapeDataString(id)}/enable", null, cancellationToken);

    public Task<ApiResult<WebhookView>> DeleteWebhookAsync(string id, CancellationToken cancellationToken = default) =>
        SendForAsync<WebhookView>(HttpMethod.Delete, $"/api/webhooks/{Uri.EscapeDataString(id)}", null, cancellationToken);

    public Task<PagedResult<WebhookDeliveryView>> ListWebhookDeliveriesAsync(string id, int page, int limit, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResult<WebhookDeliveryView>>($"/api/webhooks/{Uri.EscapeDataString(id)}/deliveries?page={page}&limit={limit}", cancellationToken);

    public Task<ApiResult<WebhookDeliveryView>> RedeliverAsync(string id, string deliveryId, CancellationToken cancellationToken = default) =>
        SendForAsync<WebhookDeliveryView>(HttpMethod.Post,
            $"/api/webhooks/{Uri.EscapeDataString(id)}/deliveries/{Uri.EscapeDataString(deliveryId)}/redeliver", null, cancellationToken);

    /// <summary>A request whose answer is a value or a problem to show (204 is a success without a value).</summary>
    private async Task<ApiResult<T>> SendForAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendAsync(method, path, body, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new(default, await ReadProblemAsync(response, cancellationToken));
            }

            return response.StatusCode == HttpStatusCode.NoContent
                ? new(default, null)
                : new(await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken), null);
        }
        catch (HubApiException ex)
        {
            return new(default, ex.Problem);
        }
    }
}
