namespace VoiceHub.Contracts.Workflows;

/// <summary>Workflow statuses (Durable Task's set).</summary>
public static class WorkflowStatus
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Completed = "Completed";
    public const string Failed = "Failed";
    public const string Canceled = "Canceled";

    public static readonly IReadOnlyList<string> All = [Pending, Running, Completed, Failed, Canceled];

    public static bool IsFinished(string status) => status is Completed or Failed or Canceled;

    /// <summary>Whether a workflow in this status can be run again (failed or canceled ones).</summary>
    public static bool IsRetryable(string status) => status is Failed or Canceled;

    /// <summary>Case-insensitive parse of a status named by a client.</summary>
    public static string? Parse(string? value) =>
        All.FirstOrDefault(s => string.Equals(s, value?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>Step statuses.</summary>
public static class StepStatus
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Skipped = "Skipped";
    public const string Canceled = "Canceled";

    public static bool IsFinished(string status) => status is Succeeded or Failed or Skipped or Canceled;
}
