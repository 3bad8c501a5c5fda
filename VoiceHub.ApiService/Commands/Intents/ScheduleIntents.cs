using System.Globalization;
using Microsoft.Extensions.Options;
using VoiceHub.ApiService.Platform;
using VoiceHub.ApiService.Schedules;

namespace VoiceHub.ApiService.Commands.Intents;

/// <summary>"run the repository status every weekday at nine": a schedule in the hub's default time zone.</summary>
public sealed class CreateScheduleIntent(ScheduleService schedules, IOptions<ScheduleOptions> options) : IIntentHandler
{
    public string Intent => "CreateSchedule";

    public async Task<CommandOutcome> HandleAsync(IntentContext context, CancellationToken cancellationToken)
    {
        var match = context.Match;
        if (SpokenSchedule.Read(match.GetText, match.GetNumber, out var problem) is not { } spoken)
        {
            return context.Refuse(problem!);
        }

        var zone = options.Value.DefaultTimeZone;
        var request = new CreateScheduleRequest(match.GetText("template"), null, spoken.Cron, zone, MissedPolicy.Skip);
        return await schedules.CreateAsync(request, cancellationToken) switch
        {
            ScheduleOutcome.Done { Schedule: var s } => new CommandOutcome.Answered(context.Reply(CommandActions.Scheduled,
                $"Scheduled {s.TemplateId} {spoken.Description} ({zone}, cron '{s.Cron}'); the first run is {ScheduleReplies.When(s.NextFires)}.")),
            ScheduleOutcome.UnknownTemplate u => context.Refuse($"There is no template '{u.TemplateId}'."),
            ScheduleOutcome.Unavailable u => context.Refuse(u.Detail),
            ScheduleOutcome.Full f => context.Refuse(f.Detail),
            ScheduleOutcome.Invalid i => context.Refuse("That schedule cannot be made: " + string.Join(" ", i.Errors.Values.SelectMany(e => e))),
            var other => throw new InvalidOperationException($"Unhandled schedule outcome {other.GetType().Name}."),
        };
    }
}

/// <summary>"list my schedules": the speaker's own, numbered as "pause schedule two" counts them.</summary>
public sealed class ListSchedulesIntent(ScheduleService schedules) : IIntentHandler
{
    private const int Listed = 10;

    public string Intent => "ListSchedules";

    public async Task<CommandOutcome> HandleAsync(IntentContext context, CancellationToken cancellationToken)
    {
        var page = await schedules.ListAsync(new PageRequest(1, Listed), mine: true, cancellationToken);
        var text = page.Total == 0
            ? "You have no schedules. Say, for example, 'run the repository status every weekday at nine'."
            : $"You have {page.Total} schedule{(page.Total == 1 ? "" : "s")}: "
                + string.Join("; ", page.Items.Select((s, i) => $"{i + 1}. {s.TemplateId}, cron '{s.Cron}' {s.TimeZone}, "
                    + (s.Paused ? "paused" : $"next {ScheduleReplies.When(s.NextFires)}")))
                + (page.Total > Listed ? $"; and {page.Total - Listed} more." : ".");
        return new CommandOutcome.Answered(context.Reply(CommandActions.List, text));
    }
}

/// <summary>An intent about one of the speaker's schedules by its place in their list ("schedule two", "the first schedule").</summary>
public abstract class NumberedScheduleIntent(ScheduleService schedules) : IIntentHandler
{
    public abstract string Intent { get; }

    public async Task<CommandOutcome> HandleAsync(IntentContext context, CancellationToken cancellationToken)
    {
        var ordinal = context.Match.GetNumber("number")
            ?? (int.TryParse(context.Match.GetText("ordinal"), CultureInfo.InvariantCulture, out var o) ? o : 0);
        if (await schedules.MineByOrdinalAsync(ordinal, cancellationToken) is not { } schedule)
        {
            return context.Refuse($"You have no schedule {ordinal}. Say 'list my schedules' to hear yours.");
        }

        var outcome = await ActAsync(schedule.Id, cancellationToken);
        return outcome is ScheduleOutcome.NotFound
            ? context.Refuse($"Schedule {ordinal} is gone. Say 'list my schedules' to hear yours.")
            : new CommandOutcome.Answered(context.Reply(Action, $"{Done} schedule {ordinal}, {schedule.TemplateId} (cron '{schedule.Cron}')."
                + (outcome is ScheduleOutcome.Done { Schedule: { Paused: false } after } ? $" Next run {ScheduleReplies.When(after.NextFires)}." : "")));
    }

    protected abstract string Action { get; }

    protected abstract string Done { get; }

    protected abstract Task<ScheduleOutcome> ActAsync(string id, CancellationToken cancellationToken);

    protected ScheduleService Schedules => schedules;
}

/// <summary>"pause schedule two".</summary>
public sealed class PauseScheduleIntent(ScheduleService schedules) : NumberedScheduleIntent(schedules)
{
    public override string Intent => "PauseSchedule";
    protected override string Action => CommandActions.SchedulePaused;
    protected override string Done => "Paused";
    protected override Task<ScheduleOutcome> ActAsync(string id, CancellationToken cancellationToken) => Schedules.PauseAsync(id, cancellationToken);
}

/// <summary>"resume schedule two".</summary>
public sealed class ResumeScheduleIntent(ScheduleService schedules) : NumberedScheduleIntent(schedules)
{
    public override string Intent => "ResumeSchedule";
    protected override string Action => CommandActions.ScheduleResumed;
    protected override string Done => "Resumed";
    protected override Task<ScheduleOutcome> ActAsync(string id, CancellationToken cancellationToken) => Schedules.ResumeAsync(id, cancellationToken);
}

/// <summary>"delete schedule two".</summary>
public sealed class DeleteScheduleIntent(ScheduleService schedules) : NumberedScheduleIntent(schedules)
{
    public override string Intent => "DeleteSchedule";
    protected override string Action => CommandActions.ScheduleDeleted;
    protected override string Done => "Deleted";
    protected override Task<ScheduleOutcome> ActAsync(string id, CancellationToken cancellationToken) => Schedules.DeleteAsync(id, cancellationToken);
}

/// <summary>How schedule replies say times.</summary>
internal static class ScheduleReplies
{
    public static string When(IReadOnlyList<DateTimeOffset> next) =>
        next.Count == 0 ? "never (the expression has no more occurrences)" : next[0].ToString("ddd d MMM HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
