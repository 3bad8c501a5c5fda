using Microsoft.AspNetCore.Http.HttpResults;
using VoiceHub.ApiService.Identity;
using VoiceHub.ApiService.Performance.Caching;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Workflows.Templates;

/// <summary>Lists and shows workflow templates.</summary>
public static class TemplateEndpoints
{
    public static IEndpointRouteBuilder MapTemplateEndpoints(this IEndpointRouteBuilder app)
    {
        // Templates are static data: output cached in Redis, with an ETag and Cache-Control.
        var group = app.MapGroup("/api/templates").WithTags("Templates")
            .CacheOutput(OutputCachePolicies.Templates).WithContentETag().RequireAuthorization(HubPolicies.Viewer);
        group.MapGet("/", ListTemplates).WithName("ListTemplates").WithSummary("Workflow templates, optionally of one category.");
        group.MapGet("/{id}", GetTemplate).WithName("GetTemplate").WithSummary("One workflow template with its inputs and steps.");
        return app;
    }

    internal static Results<Ok<PagedResult<TemplateView>>, ValidationProblem> ListTemplates(
        string? category, string? page, string? limit, TemplateCatalog catalog, TemplateAvailability availability)
    {
        if (!PageRequest.TryParse(page, limit, out var request, out var errors))
        {
            return PageRequest.Problem(errors);
        }

        var matching = catalog.All
            .Where(t => category is null || string.Equals(t.Category, category.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderBy(t => t.Category).ThenBy(t => t.Name)
            .ToList();
        var items = matching.Skip(request.SkipCount).Take(request.Limit).Select(t => View(t, availability)).ToList();
        return TypedResults.Ok(new PagedResult<TemplateView>(items, request.Page, request.Limit, matching.Count));
    }

    internal static Results<Ok<TemplateView>, ProblemHttpResult> GetTemplate(string id, TemplateCatalog catalog, TemplateAvailability availability) =>
        catalog.Find(id) is { } template
            ? TypedResults.Ok(View(template, availability))
            : TypedResults.Problem(statusCode: 404, title: "Unknown template", detail: $"There is no template '{id}'. GET /api/templates lists them.");

    private static TemplateView View(WorkflowTemplate t, TemplateAvailability availability)
    {
        var missing = availability.Missing(t);
        return new TemplateView(t.Id, t.Name, t.Description, t.Category, t.Requires, t.Inputs,
            t.Steps.Select(s => new TemplateStepView(s.Id, s.Agent, s.Action, s.DependsOn, s.Timeout.TotalSeconds, s.Retry.MaxAttempts)).ToList(),
            t.Examples, missing.Count == 0, missing);
    }
}
