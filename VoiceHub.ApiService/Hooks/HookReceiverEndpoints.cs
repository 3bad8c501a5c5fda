using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace VoiceHub.ApiService.Hooks;

/// <summary>
/// <c>POST /hooks/{id}</c>, outside <c>/api</c>: the one route a signature, not a key, authenticates.
/// It is anonymous to the authorization middleware on purpose; <see cref="HookReceiver"/> refuses
/// every delivery that is not signed with the hook's secret (401).
/// </summary>
public static class HookReceiverEndpoints
{
    public static IEndpointRouteBuilder MapHookReceiverEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(HookUrls.RoutePrefix + "/{id}", ReceiveDelivery).WithTags("Hooks").WithName("ReceiveHookDelivery")
            .WithSummary("Receives a signed delivery (GitHub X-Hub-Signature-256 or Standard Webhooks) and starts the hook's workflow (202).")
            // Authenticated by the delivery's HMAC signature with the hook's secret, checked in HookReceiver.
            .AllowAnonymous();
        return app;
    }

    internal static async Task<Results<Accepted<HookAccepted>, ProblemHttpResult>> ReceiveDelivery(
        string id, HttpContext http, HookReceiver receiver, IOptions<HookOptions> options, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxBodyBytes;
        var (body, tooLarge) = await ReadBodyAsync(http.Request, max, cancellationToken);
        if (tooLarge)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Delivery too large",
                detail: $"A hook takes bodies of at most {max} bytes (VoiceHub:Hooks:MaxBodyBytes); send a smaller payload.");
        }

        return await receiver.ReceiveAsync(http, id, body!) switch
        {
            ReceiveOutcome.Started s => TypedResults.Accepted($"/api/workflows/{s.Accepted.Workflow.Id}", s.Accepted),
            ReceiveOutcome.BadSignature b => Problem(StatusCodes.Status401Unauthorized, "Signature refused", b.Detail),
            ReceiveOutcome.Replayed r => Problem(StatusCodes.Status409Conflict, "Delivery already received", r.Detail),
            ReceiveOutcome.Malformed m => Problem(StatusCodes.Status400BadRequest, "Malformed payload", m.Detail),
            ReceiveOutcome.Unprocessable { Errors: { } errors } u => TypedResults.Problem(new HttpValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "Payload cannot start the workflow",
                Detail = u.Detail,
            }),
            ReceiveOutcome.Unprocessable u => Problem(StatusCodes.Status422UnprocessableEntity, "Payload cannot start the workflow", u.Detail),
            ReceiveOutcome.NotFound n => Problem(StatusCodes.Status404NotFound, "Unknown hook", n.Detail),
            var other => throw new InvalidOperationException($"Unhandled delivery outcome {other.GetType().Name}."),
        };
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(statusCode: status, title: title, detail: detail);

    /// <summary>The body, read at most <paramref name="max"/> bytes far; more is too large.</summary>
    private static async Task<(byte[]? Body, bool TooLarge)> ReadBodyAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength > max)
        {
            return (null, true);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return (null, true);
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), false);
    }
}
