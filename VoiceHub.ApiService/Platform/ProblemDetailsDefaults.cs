namespace VoiceHub.ApiService.Platform;

/// <summary>
/// The last word on every ProblemDetails the API writes: none leaves without a <c>detail</c> a
/// person can act on. Endpoints give their own; this fills in for validation problems (their
/// errors, joined), unmatched routes, wrong methods and the framework's bare status codes.
/// </summary>
internal static class ProblemDetailsDefaults
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!string.IsNullOrWhiteSpace(problem.Detail))
        {
            return;
        }

        var request = context.HttpContext.Request;
        var route = $"{request.Method} {request.Path}";
        problem.Detail = problem switch
        {
            HttpValidationProblemDetails { Errors.Count: > 0 } validation => string.Join(" ", validation.Errors.Values.SelectMany(e => e)),
            _ => problem.Status switch
            {
                StatusCodes.Status404NotFound when context.HttpContext.GetEndpoint() is null =>
                    $"No API route matches {route}. GET /openapi/v1.json lists the routes.",
                StatusCodes.Status405MethodNotAllowed =>
                    $"{request.Path} does not accept {request.Method}; GET /openapi/v1.json lists the methods each route takes.",
                StatusCodes.Status400BadRequest => $"{route} could not be read as sent; check its body, parameters and headers against /openapi/v1.json.",
                StatusCodes.Status413PayloadTooLarge => "The request body is larger than this API accepts; send less, or split it into several requests.",
                StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON with Content-Type: application/json.",
                StatusCodes.Status429TooManyRequests => "Too many requests; wait for the time in Retry-After, then try again.",
                >= 500 => "The hub failed to answer this request; it has been logged with the trace id. Try again shortly.",
                _ => $"{problem.Title ?? "The request was refused"} ({route}).",
            },
        };
    }
}
