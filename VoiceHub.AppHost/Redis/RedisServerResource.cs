namespace VoiceHub.AppHost.Redis;

/// <summary>
/// redis-server from PATH run by the AppHost as an executable: the fallback when no container
/// runtime is available. Like the container, it requires a password (a generated secret parameter)
/// and its connection string carries it.
/// </summary>
public sealed class RedisServerResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    private EndpointReference? _endpoint;

    public EndpointReference PrimaryEndpoint => _endpoint ??= new(this, EndpointName);

    /// <summary>The password redis-server requires (written to its config file, never to its command line).</summary>
    public ParameterResource PasswordParameter { get; } = password;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)},password={PasswordParameter}");
}
