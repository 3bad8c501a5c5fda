namespace VoiceHub.Contracts;

/// <summary>Answer of <c>GET /</c>: which service answered, its version and where its OpenAPI document is.</summary>
public sealed record ServiceInfo(string Service, string Version, string Instance, string OpenApi);
