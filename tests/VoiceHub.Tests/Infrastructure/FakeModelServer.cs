using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VoiceHub.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, free port) that speaks the OpenAI chat completions API
/// with a canned answer, and can fail or stall on demand. The http agent tests call its other routes.
/// </summary>
public sealed class FakeModelServer : IAsyncDisposable
{
    private WebApplication? _app;
    private int _failuresLeft;
    private int _chatRequests;

    public string Completion { get; set; } = "canned completion";

    /// <summary>When set, every chat request answers this status (until set back to null).</summary>
    public int? FailWith { get; set; }

    /// <summary>How long each chat request waits before answering.</summary>
    public TimeSpan Delay { get; set; }

    public int ChatRequests => Volatile.Read(ref _chatRequests);

    public JsonElement? LastChatRequest { get; private set; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The connection string the hub needs to use this server as its model.</summary>
    public string ConnectionString => $"Endpoint={BaseAddress}v1;Key=test-key;Model=fake-model";

    /// <summary>The next <paramref name="count"/> chat requests answer <c>500</c>.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public static async Task<FakeModelServer> StartAsync()
    {
        var server = new FakeModelServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", server.ChatAsync);
        app.MapGet("/text/{bytes:int}", (int bytes) => Results.Text(new string('a', bytes), "text/plain; charset=utf-8"));
        app.MapGet("/doc", () => Results.Content(
            "<html><head><style>p { color: red }</style><script>var zebra = 1;</script></head><body>" +
            "<h1>Field notes</h1><p>Zebra migration follows the rains across the Serengeti &amp; Masai Mara.</p>" +
            "<p>Unrelated closing words.</p></body></html>", "text/html; charset=utf-8"));
        app.MapGet("/utf8", () => Results.Text(string.Concat(Enumerable.Repeat("é", 3000)), "text/plain; charset=utf-8"));
        app.MapGet("/status/{code:int}", (int code) => Results.Text($"status {code}", "text/plain", statusCode: code));
        app.MapMethods("/echo", ["POST", "PUT", "DELETE"], async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            return Results.Json(new { method = request.Method, body = await reader.ReadToEndAsync(), header = request.Headers["X-Test"].ToString() });
        });
        await app.StartAsync();
        server._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    private async Task<IResult> ChatAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _chatRequests);
        LastChatRequest = (await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken)).RootElement.Clone();
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        var failure = FailWith ?? (Interlocked.Decrement(ref _failuresLeft) >= 0 ? (int)HttpStatusCode.InternalServerError : null);
        if (failure is { } status)
        {
            return Results.Json(new { error = new { message = "injected failure", type = "server_error" } }, statusCode: status);
        }

        return Results.Json(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion",
            created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            model = "fake-model",
            choices = new[] { new { index = 0, message = new { role = "assistant", content = Completion }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 12, completion_tokens = 3, total_tokens = 15 },
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
