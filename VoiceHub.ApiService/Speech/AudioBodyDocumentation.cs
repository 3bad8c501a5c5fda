using Microsoft.OpenApi;

namespace VoiceHub.ApiService.Speech;

/// <summary>
/// Describes the WAV body in the OpenAPI document without <c>.Accepts()</c>, which would make
/// routing refuse other content types with a bare 415; <see cref="SpeechAudioBody"/> says what to send instead.
/// </summary>
internal static class AudioBodyDocumentation
{
    public static RouteHandlerBuilder WithAudioBody(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = SpeechEndpoints.Formats,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["audio/wav"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                },
            };
            return Task.CompletedTask;
        });
}
