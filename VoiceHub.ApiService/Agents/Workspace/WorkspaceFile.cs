namespace VoiceHub.ApiService.Agents.Workspace;

/// <summary>A file found by a workspace walk: its full path, its path relative to the root (with '/'), its size.</summary>
public sealed record WorkspaceFile(string FullPath, string RelativePath, long Length);
