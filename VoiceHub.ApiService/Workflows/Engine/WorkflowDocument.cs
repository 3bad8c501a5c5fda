using System.Text.Json;
using StackExchange.Redis;
using VoiceHub.ApiService.Platform;

namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>
/// How a <see cref="WorkflowState"/> is laid out in its Redis hash: the header (<c>meta</c>, the
/// document without its steps), the step order and one field per step, so a step transition
/// rewrites the step that changed and not the whole document (see <see cref="WorkflowScripts"/>).
/// </summary>
internal static class WorkflowDocument
{
    public const string Meta = "meta", Order = "order", StepPrefix = "step:";

    // Fields are written and read as UTF-8 bytes, as Redis holds them: no UTF-16 string between the JSON
    // and the socket (strings and the lists that built the script's arguments were a third of what the
    // engine allocated per workflow; docs/PERFORMANCE.md).

    /// <summary>The header: every field of the workflow except its steps.</summary>
    public static byte[] SerializeHeader(WorkflowState state) => JsonSerializer.SerializeToUtf8Bytes(new WorkflowState
    {
        Id = state.Id,
        Number = state.Number,
        TemplateId = state.TemplateId,
        Name = state.Name,
        Status = state.Status,
        Inputs = state.Inputs,
        IdempotencyKey = state.IdempotencyKey,
        ThreadId = state.ThreadId,
        Owner = state.Owner,
        ScheduleId = state.ScheduleId,
        TraceParent = state.TraceParent,
        CreatedAt = state.CreatedAt,
        StartedAt = state.StartedAt,
        FinishedAt = state.FinishedAt,
        Error = state.Error,
        Runs = state.Runs,
        Steps = [],
        Artifacts = state.Artifacts,
    }, HubJson.Options);

    public static byte[] SerializeOrder(WorkflowState state) => JsonSerializer.SerializeToUtf8Bytes(state.Steps.Select(s => s.Id), HubJson.Options);

    public static byte[] SerializeStep(StepState step) => JsonSerializer.SerializeToUtf8Bytes(step, HubJson.Options);

    /// <summary>
    /// Writes the field/value pairs of <paramref name="steps"/>, as the scripts take them, into
    /// <paramref name="arguments"/> from <paramref name="at"/>; returns the next free index.
    /// </summary>
    public static int WriteStepFields(IEnumerable<StepState> steps, RedisValue[] arguments, int at)
    {
        foreach (var step in steps)
        {
            arguments[at++] = StepPrefix + step.Id;
            arguments[at++] = SerializeStep(step);
        }

        return at;
    }

    /// <summary>A JSON value of a hash field or stream entry, parsed from its UTF-8 bytes.</summary>
    public static T Parse<T>(RedisValue json) => JsonSerializer.Deserialize<T>(((ReadOnlyMemory<byte>)json).Span, HubJson.Options)!;

    /// <summary>The workflow from its hash fields (HGETALL); null when the hash has no header.</summary>
    public static WorkflowState? Read(HashEntry[] fields)
    {
        var byName = new Dictionary<string, RedisValue>(fields.Length, StringComparer.Ordinal);
        foreach (var field in fields)
        {
            byName[field.Name.ToString()] = field.Value;
        }

        return Read(byName);
    }

    public static WorkflowState? Read(IReadOnlyDictionary<string, RedisValue> fields)
    {
        if (!fields.TryGetValue(Meta, out var meta) || meta.IsNullOrEmpty)
        {
            return null;
        }

        var state = Parse<WorkflowState>(meta);
        if (fields.TryGetValue("status", out var status) && !status.IsNullOrEmpty)
        {
            state.Status = status.ToString(); // the header is rewritten only when its other fields change
        }

        var order = Parse<string[]>(fields[Order]);
        foreach (var id in order)
        {
            state.Steps.Add(Parse<StepState>(fields[StepPrefix + id]));
        }

        return state;
    }
}
