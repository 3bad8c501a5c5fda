using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using VoiceHub.ApiService.Performance.Compression;

namespace VoiceHub.Tests.Performance;

/// <summary>The buffer in front of compression, on its own: what reaches the server and when.</summary>
public sealed class SmallResponseBodyTests
{
    [Fact]
    public async Task Small_body_is_held_back_and_sent_with_its_length()
    {
        var (context, sent) = Context("application/json");
        await using var body = new SmallResponseBody(context, context.Features.GetRequiredFeature<IHttpResponseBodyFeature>());

        await body.WriteAsync(Encoding.UTF8.GetBytes("{\"ok\":true}"));
        await body.FlushAsync();
        var beforeComplete = sent.Length;
        await body.CompleteAsync();

        Assert.Equal(0, beforeComplete);
        Assert.Equal(11, sent.Length);
        Assert.Equal(11, context.Response.ContentLength);
    }

    [Fact]
    public async Task Body_over_1_KiB_streams_without_a_length()
    {
        var (context, sent) = Context("application/json");
        await using var body = new SmallResponseBody(context, context.Features.GetRequiredFeature<IHttpResponseBodyFeature>());

        await body.WriteAsync(new byte[600]);
        await body.WriteAsync(new byte[600]);
        var beforeComplete = sent.Length;
        await body.CompleteAsync();

        Assert.Equal(1200, beforeComplete);
        Assert.Null(context.Response.ContentLength);
    }

    [Fact]
    public async Task Event_stream_passes_through_at_once()
    {
        var (context, sent) = Context("text/event-stream");
        await using var body = new SmallResponseBody(context, context.Features.GetRequiredFeature<IHttpResponseBodyFeature>());

        await body.WriteAsync(Encoding.UTF8.GetBytes("event: ping\n\n"));

        Assert.Equal(13, sent.Length);
        await body.CompleteAsync();
        Assert.Null(context.Response.ContentLength);
    }

    [Fact]
    public async Task Cleared_body_is_not_sent()
    {
        var (context, sent) = Context("application/json");
        await using var body = new SmallResponseBody(context, context.Features.GetRequiredFeature<IHttpResponseBodyFeature>());
        context.Features.Set<IHttpResponseBodyFeature>(body);

        await body.WriteAsync(Encoding.UTF8.GetBytes("{\"partial\":"));
        context.Response.Clear();
        await body.WriteAsync(Encoding.UTF8.GetBytes("{}"));
        await body.CompleteAsync();

        Assert.Equal("{}", Encoding.UTF8.GetString(sent.ToArray()));
    }

    private static (DefaultHttpContext Context, MemoryStream Sent) Context(string contentType)
    {
        var sent = new MemoryStream();
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(sent));
        context.Response.ContentType = contentType;
        return (context, sent);
    }
}
