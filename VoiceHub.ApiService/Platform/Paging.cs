using System.Globalization;

namespace VoiceHub.ApiService.Platform;

/// <summary>A validated page request: page is 1-based, limit within 1..max.</summary>
public readonly record struct PageRequest(int Page, int Limit)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>Index of the first item of the page, 0-based.</summary>
    public long Offset => (long)(Page - 1) * Limit;

    /// <summary>The offset for an in-memory list: past <see cref="int.MaxValue"/> there is nothing to show, never a wrapped-around page.</summary>
    public int SkipCount => (int)Math.Min(Offset, int.MaxValue);

    /// <summary>
    /// Parses <c>page</c> and <c>limit</c> from the query string. Query values arrive as text so
    /// that "abc" or "-1" gets a 400 that names the parameter, not a bare binding failure.
    /// </summary>
    public const string ProblemTitle = "Invalid list request";

    /// <summary>The one answer to bad paging (or other list filters) on every list: 400 naming each parameter.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Problem(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: ProblemTitle, detail: string.Join(" ", errors.Values.SelectMany(e => e)));

    public static bool TryParse(
        string? page, string? limit, out PageRequest request, out Dictionary<string, string[]> errors, int maxLimit = MaxLimit)
    {
        errors = [];
        var pageValue = 1;
        var limitValue = Math.Min(DefaultLimit, maxLimit);
        if (page is not null && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out pageValue) || pageValue < 1))
        {
            errors["page"] = [$"page must be a whole number of 1 or more; got '{page}'."];
        }

        if (limit is not null &&
            (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out limitValue) || limitValue < 1 || limitValue > maxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {maxLimit}; got '{limit}'."];
        }

        request = new PageRequest(pageValue, limitValue);
        return errors.Count == 0;
    }
}
