using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Agents;
using VoiceHub.ApiService.Agents.Workspace;
using VoiceHub.ApiService.Identity;
using VoiceHub.ApiService.Monitoring;
using VoiceHub.ApiService.Platform.Secrets;
using VoiceHub.ApiService.Workflows;
using VoiceHub.ApiService.Workflows.Templates;

namespace VoiceHub.ApiService.Hooks;

/// <summary>
/// Takes one delivery to <c>POST /hooks/{id}</c>: the hook must exist and be active, the signature
/// must be the hook's, the delivery must be new (replay memory in Redis), the payload JSON, and the
/// mapped inputs valid for the template (paths inside the workspace). Then it starts an ordinary
/// workflow owned by the hook's owner, as if the owner had asked.
/// </summary>
public sealed class HookReceiver(
    HookStore store,
    SigningSecrets secrets,
    TemplateCatalog templates,
    WorkflowService workflows,
    IServiceProvider services,
    HubMetrics metrics,
    TimeProvider time,
    IOptions<HookOptions> options,
    ILogger<HookReceiver> logger)
{
    public const string Feature = "hooks";
    public const string AuthenticationType = "HookSignature";

    public async Task<ReceiveOutcome> ReceiveAsync(HttpContext http, string id, byte[] body)
    {
        var outcome = await CheckAndStartAsync(http, id, body);
        metrics.Increment(outcome is ReceiveOutcome.Started ? "hooks.received" : "hooks.refused");
        return outcome;
    }

    private async Task<ReceiveOutcome> CheckAndStartAsync(HttpContext http, string id, byte[] body)
    {
        if (await store.GetAsync(id) is not { } hook || hook.Paused)
        {
            return new ReceiveOutcome.NotFound($"There is no active hook '{Shorten(id)}'; it may have been deleted or paused (POST /api/hooks/{{id}}/resume).");
        }

        if (secrets.Unprotect(Feature, hook.Id, hook.ProtectedSecret) is not { } secret)
        {
            logger.LogError("The secret of hook {Hook} cannot be decrypted (data-protection keys lost?)", hook.Id);
            return await RecordAsync(hook, null, new ReceiveOutcome.BadSignature("This hook's secret can no longer be read; create a new hook."));
        }

        var check = HookSignatures.Verify(secret, http.Request.Headers, body, time.GetUtcNow(), options.Value.TimestampTolerance);
        if (check is SignatureCheck.Refused refused)
        {
            return await RecordAsync(hook, null, new ReceiveOutcome.BadSignature(refused.Detail));
        }

        var verified = (SignatureCheck.Verified)check;
        if (!await store.MarkSeenAsync(hook.Id, verified.ReplayKey))
        {
            return await RecordAsync(hook, verified.DeliveryId, new ReceiveOutcome.Replayed(
                $"Delivery '{Shorten(verified.DeliveryId)}' was received before; each delivery starts one workflow."));
        }

        var outcome = await StartAsync(http, hook, verified, body);
        if (outcome is not ReceiveOutcome.Started)
        {
            // Refused for what it carried: the sender may fix the hook and send the same delivery again.
            await store.ForgetAsync(hook.Id, verified.ReplayKey);
        }

        return await RecordAsync(hook, verified.DeliveryId, outcome);
    }

    private async Task<ReceiveOutcome> StartAsync(HttpContext http, HookRecord hook, SignatureCheck.Verified verified, byte[] body)
    {
        JsonNode? payload;
        try
        {
            payload = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            return new ReceiveOutcome.Malformed($"The payload is not JSON: {ex.Message}");
        }

        var (inputs, errors) = HookMapping.Apply(hook.Inputs, hook.Mapping, payload);
        if (errors.Count == 0)
        {
            CheckPaths(hook.TemplateId, inputs, errors);
        }

        if (errors.Count > 0)
        {
            return new ReceiveOutcome.Unprocessable(string.Join(" ", errors.Values.SelectMany(e => e)), errors);
        }

        // The workflow is the owner's, exactly as if the owner had started it: owner, idempotency, audit.
        http.User = HubClaims.Create(AuthenticationType, hook.Owner, hook.OwnerRole, new Claim(HubClaims.Via, "hook:" + hook.Id));
        var started = await workflows.StartAsync(new StartWorkflow(hook.TemplateId, inputs, IdempotencyKey(hook.Id, verified.ReplayKey)));
        return started switch
        {
            StartOutcome.Started s => new ReceiveOutcome.Started(new HookAccepted(hook.Id, verified.DeliveryId, s.Workflow)),
            StartOutcome.Invalid v => new ReceiveOutcome.Unprocessable(string.Join(" ", v.Errors.Values.SelectMany(e => e)), v.Errors),
            StartOutcome.UnknownTemplate u => new ReceiveOutcome.Unprocessable($"The hook's template '{u.TemplateId}' no longer exists; delete the hook and create another.", null),
            StartOutcome.Unavailable u => new ReceiveOutcome.Unprocessable(u.Detail, null),
            StartOutcome.NotUnderstood n => new ReceiveOutcome.Unprocessable(n.Detail, null),
            _ => throw new InvalidOperationException($"Unhandled start outcome {started.GetType().Name}."),
        };
    }

    /// <summary>Path inputs taken from a payload must name something inside the workspace before anything starts.</summary>
    private void CheckPaths(string templateId, JsonObject inputs, Dictionary<string, string[]> errors)
    {
        if (templates.Find(templateId) is not { } template || services.GetService<WorkspaceFolder>() is not { } workspace)
        {
            return;
        }

        foreach (var input in template.Inputs.Where(i => i.Type == "path"))
        {
            if (inputs[input.Name] is JsonValue value && value.TryGetValue<string>(out var path))
            {
                try
                {
                    workspace.Resolve(path);
                }
                catch (NonRetryableAgentException ex)
                {
                    errors[$"inputs.{input.Name}"] = [ex.Message];
                }
            }
        }
    }

    private async Task<ReceiveOutcome> RecordAsync(HookRecord hook, string? deliveryId, ReceiveOutcome outcome)
    {
        var (status, workflowId, detail) = outcome switch
        {
            ReceiveOutcome.Started s => (202, s.Accepted.Workflow.Id, (string?)null),
            ReceiveOutcome.BadSignature b => (401, null, b.Detail),
            ReceiveOutcome.Replayed r => (409, null, r.Detail),
            ReceiveOutcome.Malformed m => (400, null, m.Detail),
            ReceiveOutcome.Unprocessable u => (422, null, u.Detail),
            _ => (404, null, null),
        };
        await store.RecordDeliveryAsync(hook.Id, new HookDeliveryView(deliveryId is null ? null : Shorten(deliveryId), time.GetUtcNow(), status, workflowId, detail));
        return outcome;
    }

    private static string IdempotencyKey(string hookId, string replayKey) =>
        "hook:" + hookId + ":" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(replayKey)));

    private static string Shorten(string text) => text.Length > 100 ? text[..100] + "…" : text;
}
