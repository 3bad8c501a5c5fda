using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VoiceHub.TestSupport.Webhooks;

/// <summary>A receiver on loopback that records every delivery and answers what the test says (by the delivery's number, from 1).</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<(IHeaderDictionary Headers, string Body)> _received = new();
    private WebApplication _app = null!;
    private int _count;

    public int Port { get; private set; }

    public string Url => $"http://127.0.0.1:{Port}/hook";

    public IReadOnlyList<(IHeaderDictionary Headers, string Body)> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync(Func<int, IResult> answer)
    {
        var receiver = new WebhookReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            receiver._received.Enqueue((new HeaderDictionary(request.Headers.ToDictionary(h => h.Key, h => h.Value)), body));
            return answer(Interlocked.Increment(ref receiver._count));
        });
        await app.StartAsync();
        receiver._app = app;
        receiver.Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
