namespace VoiceHub.Web.Components.Workflows;

/// <summary>What a person can do to a workflow from the list or its page.</summary>
public enum WorkflowAction
{
    Cancel,
    Retry,
    Delete,
}
