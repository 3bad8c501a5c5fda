namespace VoiceHub.ApiService.LanguageModel;

/// <summary>The system prompt for each kind of generation a template can ask for (<c>task:</c>).</summary>
public static class TaskPrompts
{
    public static readonly IReadOnlyDictionary<string, string> ByTask = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["design"] = "You are a senior software architect. Produce a concise, concrete design in Markdown: " +
            "components or resources, interfaces (routes, status codes, payloads), data and the main trade-offs. No filler.",
        ["code"] = "You are a senior C# and .NET engineer. Write complete, compiling, idiomatic modern C# (.NET 10, nullable enabled, " +
            "async with CancellationToken). Answer with the code in fenced blocks and at most a few lines of explanation.",
        ["tests"] = "You are a senior test engineer for .NET. Write xunit tests that name the behaviour they check, assert outcomes " +
            "that can fail, and clean up what they start. Answer with the code in fenced blocks.",
        ["prose"] = "You are a clear technical writer. Write plain, accurate prose in Markdown for engineers; no marketing tone.",
        ["summary"] = "You summarise for busy engineers: the key facts, numbers and decisions first, in a few short Markdown bullet points.",
    };

    public static string Names => string.Join(", ", ByTask.Keys);
}
