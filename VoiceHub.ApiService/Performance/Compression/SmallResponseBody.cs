using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace VoiceHub.ApiService.Performance.Compression;

/// <summary>
/// Holds back the first <see cref="Threshold"/> bytes of a response. A response that ends within
/// them is sent with its Content-Length, which tells <see cref="MinimumSizeCompressionProvider"/>
/// it is too small to be worth compressing; a longer one streams on unchanged. Responses that
/// already carry a Content-Length and Server-Sent Events are never held back.
/// </summary>
internal sealed class SmallResponseBody(HttpContext context, IHttpResponseBodyFeature inner) : Stream, IHttpResponseBodyFeature
{
    /// <summary>Responses smaller than this many bytes are sent uncompressed.</summary>
    public const int Threshold = 1024;

    private byte[]? _buffer;
    private int _count;
    private bool _decided;
    private bool _passThrough;
    private bool _completed;
    private PipeWriter? _writer;

    Stream IHttpResponseBodyFeature.Stream => this;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

    public override bool CanRead => false;

    // Seekable only while holding bytes back, so HttpResponse.Clear() (the exception handler) can drop them.
    public override bool CanSeek => !_passThrough;

    public override bool CanWrite => true;

    public override long Length => _count;

    public override long Position { get => _count; set => throw new NotSupportedException(); }

    public void DisableBuffering()
    {
        _decided = true;
        _passThrough = true;
        inner.DisableBuffering();
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Decide())
        {
            await ReleaseAsync(cancellationToken);
            await inner.StartAsync(cancellationToken);
        }
    }

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        _decided = _passThrough = true;
        await ReleaseAsync(cancellationToken);
        await inner.SendFileAsync(path, offset, count, cancellationToken);
    }

    /// <summary>Ends the response: a held-back body goes out with its Content-Length.</summary>
    public async Task CompleteAsync()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        if (_writer is not null)
        {
            await _writer.CompleteAsync();
        }

        if (!_passThrough && _count > 0 && context.Response.ContentLength is null && !context.Response.HasStarted)
        {
            context.Response.ContentLength = _count;
        }

        await ReleaseAsync(default);
        await inner.CompleteAsync();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (!Decide() && _count + data.Length <= Threshold)
        {
            _buffer ??= ArrayPool<byte>.Shared.Rent(Threshold);
            data.CopyTo(_buffer.AsMemory(_count));
            _count += data.Length;
            return;
        }

        _passThrough = true;
        await ReleaseAsync(cancellationToken);
        await inner.Stream.WriteAsync(data, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    // A flush while holding back is ignored: serializers flush at the end of every small body.
    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (Decide())
        {
            await ReleaseAsync(cancellationToken);
            await inner.Stream.FlushAsync(cancellationToken);
        }
    }

    public override void Flush() => FlushAsync(default).GetAwaiter().GetResult();

    public override void SetLength(long value)
    {
        if (value != 0 || _passThrough)
        {
            throw new NotSupportedException("Only a body not yet sent can be cleared.");
        }

        _count = 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }

        base.Dispose(disposing);
    }

    /// <summary>True when the body passes straight through (decided at the first write or flush).</summary>
    private bool Decide()
    {
        if (!_decided)
        {
            _decided = true;
            var response = context.Response;
            _passThrough = response.ContentLength is not null || response.HasStarted || IsEventStream(response.ContentType);
        }

        return _passThrough;
    }

    private async ValueTask ReleaseAsync(CancellationToken cancellationToken)
    {
        if (_count > 0)
        {
            var count = _count;
            _count = 0;
            await inner.Stream.WriteAsync(_buffer.AsMemory(0, count), cancellationToken);
        }
    }

    private static bool IsEventStream(string? contentType) =>
        contentType is not null && contentType.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase);
}
