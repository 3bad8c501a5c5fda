using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoiceHub.ApiService.Agents.Http;

namespace VoiceHub.Tests.Security;

/// <summary>
/// A service on loopback that an attacker would like to reach: it counts every request, answers a
/// secret on <c>/</c> and redirects on <c>/redirect?to=...</c>.
/// </summary>
public sealed class LoopbackTarget : IAsyncDisposable
{
    public const string Secret = "inside-secret-7f3a";

    private WebApplication _app = null!;
    private int _requests;

    public int Port { get; private set; }

    public int Requests => Volatile.Read(ref _requests);

    public static async Task<LoopbackTarget> StartAsync()
    {
        var target = new LoopbackTarget();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Use((context, next) =>
        {
            Interlocked.Increment(ref target._requests);
            return next(context);
        });
        app.MapGet("/", () => Results.Text(Secret));
        app.MapGet("/redirect", (string to) => Results.Redirect(to));
        await app.StartAsync();
        target._app = app;
        target.Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        return target;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>A resolver under the test's control: names map to the addresses a hostile DNS server would give.</summary>
public sealed class FakeResolver(IReadOnlyDictionary<string, IPAddress[]> names) : IHostAddressResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        names.TryGetValue(host, out var addresses) ? Task.FromResult(addresses) : Dns.GetHostAddressesAsync(host, cancellationToken);
}
