namespace VoiceHub.AppHost.Redis;

/// <summary>
/// redis-server from PATH run by the AppHost as an executable: the fallback when no container
/// runtime is available. Its connection string is the endpoint's host:port, like the container's
/// without a password (it binds to loopback only).
/// </summary>
public sealed class RedisServerResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    private EndpointReference? _endpoint;

    public EndpointReference PrimaryEndpoint => _endpoint ??= new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}
