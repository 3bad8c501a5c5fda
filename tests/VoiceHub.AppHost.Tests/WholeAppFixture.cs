using VoiceHub.TestSupport.WholeApp;

namespace VoiceHub.AppHost.Tests;

/// <summary>The whole application, shared by the tests of the whole-app collection.</summary>
public sealed class WholeAppFixture : IAsyncLifetime
{
    public WholeApp Host { get; private set; } = null!;

    public DistributedApplication App => Host.App;

    public async Task InitializeAsync() => Host = await WholeApp.StartAsync<Projects.VoiceHub_AppHost>();

    public HttpClient CreateHttpClient(string resource) => Host.CreateHttpClient(resource);

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WholeAppCollection : ICollectionFixture<WholeAppFixture>
{
    public const string Name = "whole app";
}
