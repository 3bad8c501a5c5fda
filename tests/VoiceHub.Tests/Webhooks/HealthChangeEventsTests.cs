using System.Text.Json.Nodes;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using VoiceHub.ApiService.Webhooks;

namespace VoiceHub.Tests.Webhooks;

/// <summary>health.changed is raised when the replica's overall health moves, naming the checks that are not healthy.</summary>
public sealed class HealthChangeEventsTests
{
    [Fact]
    public async Task Only_a_change_of_overall_status_raises_health_changed()
    {
        var raised = new RecordingEvents();
        var publisher = new HealthChangeEvents(raised, TimeProvider.System, NullLogger<HealthChangeEvents>.Instance);

        await publisher.PublishAsync(Report(HealthStatus.Healthy), default);
        await publisher.PublishAsync(Report(HealthStatus.Healthy), default);
        await publisher.PublishAsync(Report(HealthStatus.Degraded), default);
        await publisher.PublishAsync(Report(HealthStatus.Degraded), default);

        var (type, data) = Assert.Single(raised.Events);
        Assert.Equal(HubEventTypes.HealthChanged, type);
        Assert.Equal("healthy", data["from"]!.GetValue<string>());
        Assert.Equal("degraded", data["to"]!.GetValue<string>());
        Assert.Equal("degraded", data["checks"]!["redis"]!["status"]!.GetValue<string>());
    }

    private static HealthReport Report(HealthStatus status) => new(
        new Dictionary<string, HealthReportEntry> { ["redis"] = new(status, "latency", TimeSpan.Zero, null, null) }, TimeSpan.Zero);

    private sealed class RecordingEvents : IHubEvents
    {
        public List<(string Type, JsonObject Data)> Events { get; } = [];

        public Task<int> RaiseAsync(string type, JsonObject data, string? templateId = null, string? eventKey = null)
        {
            Events.Add((type, data));
            return Task.FromResult(1);
        }
    }
}
