using System.Collections.Concurrent;

namespace VoiceHub.ApiService.Speech.PocketSphinx;

/// <summary>
/// Decoders for one version of the speech grammar. A decoder serves one utterance at a time, so
/// requests borrow one; at most <c>size</c> exist, further requests wait. When the grammar is
/// rebuilt a new pool replaces this one and decoders still lent out are freed on return.
/// </summary>
internal sealed class DecoderPool(Func<PocketSphinxDecoder> create, int size) : IDisposable
{
    private readonly ConcurrentBag<PocketSphinxDecoder> _idle = [];
    private readonly SemaphoreSlim _slots = new(size, size);
    private bool _retired;

    public async Task<T> UseAsync<T>(Func<PocketSphinxDecoder, T> use, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        PocketSphinxDecoder? decoder = null;
        try
        {
            decoder = _idle.TryTake(out var idle) ? idle : create();
            return use(decoder);
        }
        finally
        {
            if (decoder is not null)
            {
                Return(decoder);
            }

            _slots.Release();
        }
    }

    /// <summary>Adds one decoder now, so start-up fails fast when the model or grammar is refused.</summary>
    public void Warm() => _idle.Add(create());

    private void Return(PocketSphinxDecoder decoder)
    {
        lock (_idle)
        {
            if (!_retired)
            {
                _idle.Add(decoder);
                return;
            }
        }

        decoder.Dispose();
    }

    /// <summary>Frees idle decoders; ones in use are freed when they come back.</summary>
    public void Dispose()
    {
        lock (_idle)
        {
            _retired = true;
        }

        while (_idle.TryTake(out var decoder))
        {
            decoder.Dispose();
        }
    }
}
