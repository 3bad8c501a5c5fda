namespace VoiceHub.Web.ApiClients;

/// <summary>An RFC 7807 problem the API answered, or one made up when it could not be reached.</summary>
public sealed record ApiProblem(int Status, string? Title, string? Detail, IReadOnlyDictionary<string, string[]>? Errors)
{
    public string Message => Detail ?? Title ?? $"The API answered {Status}.";

    /// <summary>Messages of the field <paramref name="key"/> (e.g. "inputs.delay"), or none.</summary>
    public IReadOnlyList<string> For(string key) =>
        Errors is not null && Errors.TryGetValue(key, out var messages) ? messages : [];
}

/// <summary>Thrown by <see cref="HubApiClient"/> when the API answers with a problem.</summary>
public sealed class HubApiException(ApiProblem problem) : Exception(problem.Message)
{
    public ApiProblem Problem { get; } = problem;
}

/// <summary>A value or the problem that stopped it.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Ok => Problem is null;
}
