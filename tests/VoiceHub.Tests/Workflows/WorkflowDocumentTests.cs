using System.Text.Json;
using System.Text.Json.Nodes;
using StackExchange.Redis;
using VoiceHub.ApiService.Platform;
using VoiceHub.ApiService.Workflows.Engine;

namespace VoiceHub.Tests.Workflows;

/// <summary>
/// The per-step hash layout loses nothing: every property of a workflow (set to a value that is not
/// its default) survives header + order + step fields, so a property added to
/// <see cref="WorkflowState"/> but forgotten in the header copy fails here.
/// </summary>
public sealed class WorkflowDocumentTests
{
    [Fact]
    public void Every_property_survives_the_per_step_layout()
    {
        var state = FullyPopulated();

        var fields = new List<HashEntry>
        {
            new(WorkflowDocument.Meta, WorkflowDocument.SerializeHeader(state)),
            new(WorkflowDocument.Order, WorkflowDocument.SerializeOrder(state)),
            new("status", state.Status),
        };
        var pairs = new RedisValue[2 * state.Steps.Count];
        WorkflowDocument.WriteStepFields(state.Steps, pairs, 0);
        for (var i = 0; i < pairs.Length; i += 2)
        {
            fields.Add(new HashEntry(pairs[i], pairs[i + 1]));
        }

        var read = WorkflowDocument.Read([.. fields]);

        Assert.Equal(JsonSerializer.Serialize(state, HubJson.Options), JsonSerializer.Serialize(read, HubJson.Options));
    }

    [Fact]
    public void Every_property_of_the_workflow_is_set_by_the_test_sample()
    {
        var state = FullyPopulated();
        foreach (var property in typeof(WorkflowState).GetProperties().Where(p => p.GetIndexParameters().Length == 0))
        {
            var value = property.GetValue(state);
            var empty = value is null || (value is System.Collections.ICollection { Count: 0 })
                || (property.PropertyType.IsValueType && Equals(value, Activator.CreateInstance(property.PropertyType)));
            Assert.False(empty, $"{property.Name} is left at its default in the sample; set it so the layout test covers it.");
        }
    }

    [Fact]
    public void Status_field_wins_over_the_header_written_earlier()
    {
        var state = FullyPopulated();
        var header = WorkflowDocument.SerializeHeader(state);
        var fields = new Dictionary<string, RedisValue>
        {
            [WorkflowDocument.Meta] = header,
            [WorkflowDocument.Order] = "[]",
            ["status"] = WorkflowStatus.Completed,
        };

        Assert.Equal(WorkflowStatus.Completed, WorkflowDocument.Read(fields)!.Status);
        Assert.Null(WorkflowDocument.Read(new Dictionary<string, RedisValue> { ["status"] = "Running" }));
    }

    private static WorkflowState FullyPopulated()
    {
        var at = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
        return new WorkflowState
        {
            Id = "42",
            Number = 42,
            TemplateId = "self-test",
            Name = "Self test",
            Status = WorkflowStatus.Running,
            Inputs = new JsonObject { ["delay"] = 0 },
            IdempotencyKey = "once",
            ThreadId = "thr_1",
            Owner = "key:abc",
            ScheduleId = "sch_0123456789abcdef",
            TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            CreatedAt = at,
            StartedAt = at.AddSeconds(1),
            FinishedAt = at.AddSeconds(2),
            Error = "none really",
            Runs = 2,
            Artifacts = ["report.md"],
            Steps =
            [
                new StepState { Id = "a", Agent = "system", Action = "echo", DependsOn = [], Status = StepStatus.Succeeded, Attempts = 1, StartedAt = at, FinishedAt = at, Output = new JsonObject { ["x"] = 1 }, Summary = "ok", Logs = ["one"] },
                new StepState { Id = "b", Agent = "system", Action = "wait", DependsOn = ["a"], Status = StepStatus.Running, Attempts = 2, Error = "timed out" },
            ],
        };
    }
}
