using VoiceHub.TestSupport.WholeApp;

namespace VoiceHub.AppHost.Tests;

/// <summary>The whole application, shared by the tests of the whole-app collection.</summary>
public sealed class WholeAppFixture : IAsyncLifetime
{
    public WholeApp Host { get; private set; } = null!;

    public DistributedApplication App => Host.App;

    public async Task InitializeAsync() => Host = await WholeApp.StartAsync<Projects.VoiceHub_AppHost>();

    public HttpClient CreateHttpClient(string resource) => Host.CreateHttpClient(resource);

    /// <summary>The dashboard's link to the web (signs in as the bootstrap admin), as the webfrontend resource lists it.</summary>
    public Uri DashboardSignInLink() =>
        App.ResourceNotifications.TryGetCurrentState("webfrontend", out var state)
            ? new Uri(state.Snapshot.Urls.First(u => u.Url.Contains("/login?dashboard=", StringComparison.Ordinal)).Url)
            : throw new InvalidOperationException("The webfrontend resource has no state.");

    /// <summary>A client of the web with a cookie jar that follows no redirects; <paramref name="signedIn"/>: signed in through the dashboard's link.</summary>
    public async Task<HttpClient> WebClientAsync(bool signedIn)
    {
        var web = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = App.GetEndpoint("webfrontend", "http"),
            Timeout = Patience.Request,
        };
        if (signedIn)
        {
            using var response = await web.GetAsync(DashboardSignInLink().PathAndQuery).WaitAsync(Patience.Request);
            Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        }

        return web;
    }

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
