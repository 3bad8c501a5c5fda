namespace VoiceHub.ApiService.Agents.Processes;

/// <summary>How a command ended: its exit code and its output (stdout and stderr, line by line, bounded).</summary>
public sealed record ProcessOutcome(int ExitCode, string Output, bool OutputTruncated, TimeSpan Duration);
