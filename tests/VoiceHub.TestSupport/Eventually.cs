namespace VoiceHub.TestSupport;

/// <summary>Time-boxed polling: ask until the answer is what the test waits for, or fail saying what it last saw.</summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds; returns the value that satisfied it.</summary>
    public static async Task<T> UntilAsync<T>(Func<CancellationToken, Task<T>> probe, Func<T, bool> done, string what, TimeSpan? patience = null)
    {
        var limit = patience ?? Patience.Background;
        using var cts = new CancellationTokenSource(limit);
        T last = default!;
        try
        {
            while (true)
            {
                last = await probe(cts.Token).WaitAsync(cts.Token);
                if (done(last))
                {
                    return last;
                }

                await Task.Delay(Interval, cts.Token);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"Waited {limit} for {what}; last seen: {last}");
        }
    }

    /// <summary>Polls until <paramref name="condition"/> is true.</summary>
    public static Task UntilAsync(Func<CancellationToken, Task<bool>> condition, string what, TimeSpan? patience = null) =>
        UntilAsync(condition, ok => ok, what, patience);
}
