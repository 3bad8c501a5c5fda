using System.Data.Common;

namespace VoiceHub.ApiService.LanguageModel;

/// <summary>
/// Where the language model is: <c>ConnectionStrings:llm</c> =
/// <c>Endpoint=https://api.openai.com/v1;Key=sk-...;Model=gpt-4o-mini</c>. The endpoint is the base of an
/// OpenAI-compatible API (the part before <c>/chat/completions</c>); <c>Key</c> may be left out for local
/// servers that need none (Ollama, llama.cpp).
/// </summary>
public sealed record LanguageModelConnection(Uri Endpoint, string? Key, string Model)
{
    public const string ConnectionName = "llm";

    /// <summary>The configured model, <c>null</c> when <c>ConnectionStrings:llm</c> is not set.</summary>
    /// <exception cref="InvalidOperationException">The connection string is set but unusable; the message says how to fix it.</exception>
    public static LanguageModelConnection? FromConfiguration(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionName) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text) ? Parse(text) : null;

    public static LanguageModelConnection Parse(string connectionString)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException e)
        {
            throw Invalid($"it is not of the form Key=value;Key=value ({e.Message})");
        }

        var endpoint = Value(builder, "Endpoint");
        if (endpoint is null || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw Invalid("Endpoint must be an absolute http(s) URL such as https://api.openai.com/v1");
        }

        var model = Value(builder, "Model") ?? throw Invalid("Model is missing (e.g. Model=gpt-4o-mini)");
        return new LanguageModelConnection(uri, Value(builder, "Key"), model);
    }

    /// <summary>Scheme, host and port only: safe to show in status answers and logs (never the key).</summary>
    public string DisplayEndpoint => Endpoint.GetLeftPart(UriPartial.Authority);

    private static string? Value(DbConnectionStringBuilder builder, string name) =>
        builder.TryGetValue(name, out var value) && value?.ToString() is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    private static InvalidOperationException Invalid(string reason) => new(
        $"ConnectionStrings:{ConnectionName} is set but unusable: {reason}. " +
        "Expected Endpoint=https://host/v1;Key=...;Model=... (Key optional).");
}
