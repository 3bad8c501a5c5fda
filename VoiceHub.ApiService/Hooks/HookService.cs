using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Identity;
using VoiceHub.ApiService.Platform.Secrets;
using VoiceHub.ApiService.Workflows.Templates;

namespace VoiceHub.ApiService.Hooks;

/// <summary>Creating, reading, pausing and deleting hooks; owners manage their own, admins every hook.</summary>
public sealed class HookService(HookStore store, SigningSecrets secrets, TemplateCatalog templates, TimeProvider time, IOptions<HookOptions> options)
{
    public const int MaxNameLength = 100;

    public async Task<HookChange> CreateAsync(CreateHookRequest? request, ClaimsPrincipal user, string baseUrl)
    {
        var errors = new Dictionary<string, string[]>();
        var template = templates.Find(request?.TemplateId?.Trim() ?? "");
        if (template is null)
        {
            errors["templateId"] = [$"templateId must name a template; got '{request?.TemplateId}'. GET /api/templates lists them."];
        }
        else
        {
            Validate(request!, template, errors);
        }

        if (request?.Name is { } name && name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"name is at most {MaxNameLength} characters."];
        }

        if (errors.Count > 0)
        {
            return new HookChange.Invalid(errors);
        }

        var owner = user.HubId()!;
        if ((await store.ListAsync()).Count(h => h.Owner == owner) >= options.Value.MaxHooksPerOwner)
        {
            return new HookChange.Refused($"You hold {options.Value.MaxHooksPerOwner} hooks, the most one owner may; delete one first.");
        }

        var id = HookUrls.NewId();
        var secret = SigningSecrets.Create();
        var hook = new HookRecord(id, request!.Name?.Trim() is { Length: > 0 } n ? n : template!.Name, template!.Id, request.Inputs ?? [],
            request.Mapping ?? [], owner, user.HubRole()!, false, time.GetUtcNow(), secrets.Protect(HookReceiver.Feature, id, secret));
        await store.SaveAsync(hook);
        return new HookChange.Created(new CreatedHook(hook.ToView(baseUrl, []), secret));
    }

    /// <summary>Fixed inputs are checked as the template checks inputs, with every mapped input counted as given.</summary>
    private static void Validate(CreateHookRequest request, WorkflowTemplate template, Dictionary<string, string[]> errors)
    {
        foreach (var (key, value) in HookMapping.Validate(template, request.Mapping))
        {
            errors[key] = value;
        }

        var trial = (JsonObject)(request.Inputs?.DeepClone() ?? new JsonObject());
        foreach (var input in (request.Mapping ?? []).Keys.Where(k => template.Inputs.Any(i => i.Name == k)))
        {
            trial.Remove(input);
        }

        var (_, inputErrors) = TemplateInputValidator.Validate(template, trial);
        foreach (var (key, value) in inputErrors)
        {
            var input = key["inputs.".Length..];
            // A required input is fine when the payload will fill it.
            if (request.Mapping?.ContainsKey(input) != true)
            {
                errors[key] = value;
            }
        }
    }

    public async Task<IReadOnlyList<HookView>> ListAsync(string baseUrl)
    {
        var hooks = await store.ListAsync();
        var views = new List<HookView>(hooks.Count);
        foreach (var hook in hooks)
        {
            views.Add(hook.ToView(baseUrl, await store.RecentDeliveriesAsync(hook.Id)));
        }

        return views;
    }

    public async Task<HookView?> GetAsync(string id, string baseUrl) =>
        await store.GetAsync(id) is { } hook ? hook.ToView(baseUrl, await store.RecentDeliveriesAsync(hook.Id)) : null;

    public async Task<HookChange> SetPausedAsync(string id, bool paused, ClaimsPrincipal user, string baseUrl)
    {
        if (await store.GetAsync(id) is not { } hook || !user.MayManage(hook.Owner))
        {
            return new HookChange.NotFound();
        }

        var changed = hook with { Paused = paused };
        await store.SaveAsync(changed);
        return new HookChange.Done(changed.ToView(baseUrl, await store.RecentDeliveriesAsync(id)));
    }

    public async Task<bool> DeleteAsync(string id, ClaimsPrincipal user)
    {
        if (await store.GetAsync(id) is not { } hook || !user.MayManage(hook.Owner))
        {
            return false;
        }

        await store.DeleteAsync(id);
        return true;
    }
}
