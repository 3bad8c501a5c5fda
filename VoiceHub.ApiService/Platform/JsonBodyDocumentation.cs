using Microsoft.OpenApi;

namespace VoiceHub.ApiService.Platform;

/// <summary>
/// Describes a hand-read JSON body in the OpenAPI document. <c>.Accepts&lt;T&gt;()</c> would do
/// that too, but it also makes routing refuse other content types with a bare 415 before the
/// handler runs; <see cref="JsonRequestBody"/> answers those with a detail that says what to send.
/// </summary>
internal static class JsonBodyDocumentation
{
    public static RouteHandlerBuilder WithJsonBody<T>(this RouteHandlerBuilder builder, bool required = true) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = required,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken) },
                },
            };
        });
}
