using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Identity;
using VoiceHub.ApiService.Platform;
using VoiceHub.ApiService.Workflows;

namespace VoiceHub.ApiService.Schedules;

/// <summary>
/// The operations on schedules, shared by the endpoints and the spoken commands. Everyone signed in
/// sees the board; only a schedule's owner (or an admin) pauses, resumes or deletes it.
/// </summary>
public sealed class ScheduleService(
    ScheduleStore store, WorkflowService workflows, CurrentCaller caller, TimeProvider time, IOptions<ScheduleOptions> options)
{
    public const int MaxNameLength = 100;

    private readonly ScheduleOptions _options = options.Value;

    public async Task<ScheduleOutcome> CreateAsync(CreateScheduleRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var cron = CronSchedule.TryCreate(request.Cron, request.TimeZone, errors);
        var policy = request.MissedPolicy is null ? MissedPolicy.Skip : MissedPolicy.Parse(request.MissedPolicy);
        if (policy is null)
        {
            errors["missedPolicy"] = [$"missedPolicy must be one of {string.Join(", ", MissedPolicy.All)}; got '{Shorten(request.MissedPolicy!)}'."];
        }

        var name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim();
        if (name is { Length: > MaxNameLength })
        {
            errors["name"] = [$"name is {name.Length} characters; at most {MaxNameLength}."];
        }

        var templateId = request.TemplateId?.Trim();
        if (string.IsNullOrEmpty(templateId))
        {
            errors["templateId"] = ["templateId is required; GET /api/templates lists the templates."];
        }
        else if (workflows.Check(templateId, request.Inputs) is { } refused)
        {
            // The same checks as POST /api/workflows, so a schedule cannot hold a start that would be refused.
            switch (refused)
            {
                case StartOutcome.UnknownTemplate: return new ScheduleOutcome.UnknownTemplate(templateId);
                case StartOutcome.Unavailable u: return new ScheduleOutcome.Unavailable(u.Detail);
                case StartOutcome.Invalid i: foreach (var (key, value) in i.Errors) errors[key] = value; break;
            }
        }

        if (errors.Count > 0 || cron is null)
        {
            return new ScheduleOutcome.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var definition = new ScheduleDefinition(ScheduleKeys.NewId(), name, templateId!, request.Inputs ?? [], cron.Text,
            cron.Zone.Id, policy!, caller.Id, now);
        return await store.CreateAsync(definition, cron.Next(now)!.Value, cancellationToken) switch
        {
            ScheduleCreateResult.Created => new ScheduleOutcome.Done(ToView(new StoredSchedule(definition, false, 0, 0, [], cron.Next(now)))),
            ScheduleCreateResult.HubFull => new ScheduleOutcome.Full($"The hub keeps at most {_options.MaxSchedules} schedules; delete one first."),
            _ => new ScheduleOutcome.Full($"You have {_options.MaxSchedulesPerOwner} schedules, the most one owner may have; delete one first."),
        };
    }

    public async Task<ScheduleView?> GetAsync(string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } stored ? ToView(stored) : null;

    /// <summary>The board (everyone's schedules), or only the caller's when <paramref name="mine"/>; oldest first.</summary>
    public async Task<PagedResult<ScheduleView>> ListAsync(PageRequest page, bool mine, CancellationToken cancellationToken)
    {
        var result = await store.ListAsync(page, caller.Id, mine, cancellationToken);
        return new PagedResult<ScheduleView>(result.Items.Select(ToView).ToArray(), result.Page, result.Limit, result.Total);
    }

    /// <summary>The caller's own schedule at <paramref name="ordinal"/> (1-based) of "list my schedules"; null when there is none.</summary>
    public async Task<ScheduleView?> MineByOrdinalAsync(int ordinal, CancellationToken cancellationToken)
    {
        if (ordinal < 1 || ordinal > _options.MaxSchedulesPerOwner)
        {
            return null;
        }

        var page = await store.ListAsync(new PageRequest(ordinal, 1), caller.Id, onlyOwner: true, cancellationToken);
        return page.Items.Count == 1 ? ToView(page.Items[0]) : null;
    }

    public Task<ScheduleOutcome> PauseAsync(string id, CancellationToken cancellationToken) => SetPausedAsync(id, true, cancellationToken);

    public Task<ScheduleOutcome> ResumeAsync(string id, CancellationToken cancellationToken) => SetPausedAsync(id, false, cancellationToken);

    public async Task<ScheduleOutcome> DeleteAsync(string id, CancellationToken cancellationToken) =>
        await MineAsync(id, cancellationToken) is { } stored && await store.DeleteAsync(stored.Definition, cancellationToken)
            ? new ScheduleOutcome.Deleted(id)
            : new ScheduleOutcome.NotFound(id);

    private async Task<ScheduleOutcome> SetPausedAsync(string id, bool paused, CancellationToken cancellationToken)
    {
        if (await MineAsync(id, cancellationToken) is not { } stored)
        {
            return new ScheduleOutcome.NotFound(id);
        }

        // Resuming starts from now: occurrences while paused were meant not to run, so they are not "missed".
        var next = paused ? null : Cron(stored.Definition).Next(time.GetUtcNow());
        return await store.SetPausedAsync(id, paused, next, cancellationToken) && await store.GetAsync(id, cancellationToken) is { } after
            ? new ScheduleOutcome.Done(ToView(after))
            : new ScheduleOutcome.NotFound(id);
    }

    /// <summary>The schedule when the caller may change it; else null, answered as 404 like an unknown id.</summary>
    private async Task<StoredSchedule?> MineAsync(string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } stored && caller.MayManage(stored.Definition.Owner) ? stored : null;

    public ScheduleView ToView(StoredSchedule stored)
    {
        var d = stored.Definition;
        var next = stored.Paused || stored.Due is not { } due ? [] : (IReadOnlyList<DateTimeOffset>)[due, .. Cron(d).NextFires(due, _options.NextFiresShown - 1)];
        return new ScheduleView(d.Id, d.Name, d.TemplateId, (System.Text.Json.Nodes.JsonObject)d.Inputs.DeepClone(), d.Cron, d.TimeZone,
            d.MissedPolicy, stored.Paused, d.Owner, d.CreatedAt, next, stored.LastFires, stored.Fires, stored.Missed);
    }

    /// <summary>The stored expression, valid because it was checked when the schedule was created.</summary>
    internal static CronSchedule Cron(ScheduleDefinition definition) =>
        CronSchedule.TryCreate(definition.Cron, definition.TimeZone, [])
        ?? throw new InvalidOperationException($"Schedule {definition.Id} holds cron '{definition.Cron}' in '{definition.TimeZone}', which no longer parses.");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
