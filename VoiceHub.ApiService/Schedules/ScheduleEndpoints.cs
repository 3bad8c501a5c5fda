using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoiceHub.ApiService.Identity;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Schedules;

/// <summary>Create, list, read, pause, resume and delete schedules: <c>/api/schedules</c>.</summary>
public static class ScheduleEndpoints
{
    /// <summary>A schedule's body: a template id, a cron line and inputs; far more than any template's inputs need.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapScheduleEndpoints(this IEndpointRouteBuilder app)
    {
        // The board is everyone's to read; changing a schedule takes an operator who owns it (or an admin).
        var group = app.MapGroup("/api/schedules").WithTags("Schedules").RequireAuthorization(HubPolicies.Viewer);
        group.MapPost("/", CreateSchedule).WithJsonBody<CreateScheduleRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithName("CreateSchedule").WithSummary("Creates a schedule that starts a workflow at every cron occurrence (201).")
            .RequireAuthorization(HubPolicies.Operator);
        group.MapGet("/", ListSchedules).WithName("ListSchedules").WithSummary("Schedules, oldest first; mine=true for only the caller's.");
        group.MapGet("/{id}", GetSchedule).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetSchedule").WithSummary("One schedule with its next fire times and last fires.");
        group.MapPost("/{id}/pause", PauseSchedule).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("PauseSchedule").WithSummary("Stops a schedule firing until it is resumed.").RequireAuthorization(HubPolicies.Operator);
        group.MapPost("/{id}/resume", ResumeSchedule).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ResumeSchedule").WithSummary("Fires a paused schedule again from its next occurrence.").RequireAuthorization(HubPolicies.Operator);
        group.MapDelete("/{id}", DeleteSchedule).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("DeleteSchedule").WithSummary("Deletes a schedule; workflows it started stay.").RequireAuthorization(HubPolicies.Operator);
        return app;
    }

    internal static async Task<Results<Created<ScheduleView>, ValidationProblem, ProblemHttpResult>> CreateSchedule(
        HttpRequest http, ScheduleService schedules, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonRequestBody.ReadAsync<CreateScheduleRequest>(http, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (request is null)
        {
            return TypedResults.Problem(statusCode: 400, title: "Missing body",
                detail: "Send JSON like { \"templateId\": \"repo-status\", \"inputs\": {}, \"cron\": \"0 9 * * 1-5\", \"timeZone\": \"Europe/Berlin\", \"missedPolicy\": \"skip\" }.");
        }

        return await schedules.CreateAsync(request, cancellationToken) switch
        {
            ScheduleOutcome.Done d => TypedResults.Created($"/api/schedules/{d.Schedule.Id}", d.Schedule),
            var other => Problem(other),
        };
    }

    internal static async Task<Results<Ok<PagedResult<ScheduleView>>, ValidationProblem>> ListSchedules(
        [FromQuery] string? page, [FromQuery] string? limit, [FromQuery] string? mine, ScheduleService schedules, CancellationToken cancellationToken)
    {
        PageRequest.TryParse(page, limit, out var request, out var errors);
        if (mine is not null && !bool.TryParse(mine, out _))
        {
            errors["mine"] = [$"mine must be true or false; got '{(mine.Length > 20 ? mine[..20] + "…" : mine)}'."];
        }

        return errors.Count > 0
            ? PageRequest.Problem(errors)
            : TypedResults.Ok(await schedules.ListAsync(request, mine is not null && bool.Parse(mine), cancellationToken));
    }

    internal static async Task<Results<Ok<ScheduleView>, ProblemHttpResult>> GetSchedule(string id, ScheduleService schedules, CancellationToken cancellationToken) =>
        await schedules.GetAsync(id, cancellationToken) is { } schedule ? TypedResults.Ok(schedule) : NotFound(id);

    internal static async Task<Results<Ok<ScheduleView>, ValidationProblem, ProblemHttpResult>> PauseSchedule(string id, ScheduleService schedules, CancellationToken cancellationToken) =>
        await schedules.PauseAsync(id, cancellationToken) is ScheduleOutcome.Done d ? TypedResults.Ok(d.Schedule) : NotFound(id);

    internal static async Task<Results<Ok<ScheduleView>, ValidationProblem, ProblemHttpResult>> ResumeSchedule(string id, ScheduleService schedules, CancellationToken cancellationToken) =>
        await schedules.ResumeAsync(id, cancellationToken) is ScheduleOutcome.Done d ? TypedResults.Ok(d.Schedule) : NotFound(id);

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteSchedule(string id, ScheduleService schedules, CancellationToken cancellationToken) =>
        await schedules.DeleteAsync(id, cancellationToken) is ScheduleOutcome.Deleted ? TypedResults.NoContent() : NotFound(id);

    private static Results<Created<ScheduleView>, ValidationProblem, ProblemHttpResult> Problem(ScheduleOutcome outcome) => outcome switch
    {
        ScheduleOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "Invalid schedule",
            detail: string.Join(" ", i.Errors.Values.SelectMany(messages => messages))),
        ScheduleOutcome.UnknownTemplate u => TypedResults.Problem(statusCode: 404, title: "Unknown template",
            detail: $"There is no template '{(u.TemplateId.Length > 60 ? u.TemplateId[..60] + "…" : u.TemplateId)}'; GET /api/templates lists the templates."),
        ScheduleOutcome.Unavailable u => TypedResults.Problem(statusCode: 422, title: "Template unavailable", detail: u.Detail),
        ScheduleOutcome.Full f => TypedResults.Problem(statusCode: 409, title: "Too many schedules", detail: f.Detail),
        var other => throw new InvalidOperationException($"Unhandled schedule outcome {other.GetType().Name}."),
    };

    private static ProblemHttpResult NotFound(string id) => TypedResults.Problem(statusCode: 404, title: "Schedule not found",
        detail: $"No schedule you may see or change has id '{(id.Length > 40 ? id[..40] + "…" : id)}'. GET /api/schedules?mine=true lists yours; "
            + "only a schedule's owner or an admin may pause, resume or delete it.");
}
