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

    /// <summary>The header: every field of the workflow except its steps.</summary>
    public static string SerializeHeader(WorkflowState state) => JsonSerializer.Serialize(new WorkflowState
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

    public static string SerializeOrder(WorkflowState state) => JsonSerializer.Serialize(state.Steps.Select(s => s.Id), HubJson.Options);

    public static string SerializeStep(StepState step) => JsonSerializer.Serialize(step, HubJson.Options);

    /// <summary>Field/value pairs of the given steps, as the scripts take them.</summary>
    public static IEnumerable<RedisValue> StepFields(IEnumerable<StepState> steps) =>
        steps.SelectMany(s => new RedisValue[] { StepPrefix + s.Id, SerializeStep(s) });

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

        var state = JsonSerializer.Deserialize<WorkflowState>(meta.ToString(), HubJson.Options)!;
        if (fields.TryGetValue("status", out var status) && !status.IsNullOrEmpty)
        {
            state.Status = status.ToString(); // the header is rewritten only when its other fields change
        }

        var order = JsonSerializer.Deserialize<string[]>(fields[Order].ToString(), HubJson.Options)!;
        foreach (var id in order)
        {
            state.Steps.Add(JsonSerializer.Deserialize<StepState>(fields[StepPrefix + id].ToString(), HubJson.Options)!);
        }

        return state;
    }
}
