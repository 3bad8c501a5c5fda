using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VoiceHub.ApiService.Monitoring;

namespace VoiceHub.ApiService.Workflows.Engine;

/// <summary>
/// Runs workflows from the shared stream on this replica, at most
/// <see cref="WorkflowOptions.MaxConcurrentWorkflows"/> at once. Claims entries left by dead
/// workers, keeps its own entries alive with heartbeats, cancels a running workflow when any
/// replica asks (pub/sub), and acknowledges an entry only after its workflow's final save.
/// </summary>
public sealed class WorkflowWorker(
    IConnectionMultiplexer redis,
    WorkflowQueue queue,
    WorkflowStore store,
    WorkflowRunner runner,
    IOptions<WorkflowOptions> options,
    TimeProvider time,
    HubMetrics metrics,
    ILogger<WorkflowWorker> logger) : BackgroundService
{
    private readonly WorkflowOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, InFlight> _inFlight = new();
    private readonly SemaphoreSlim _wakeUp = new(0, int.MaxValue);
    private DateTimeOffset _lastHeartbeat;
    private DateTimeOffset _lastClaimCheck;

    /// <summary>Unique per process start, so a restarted replica never mistakes old claims for its own.</summary>
    public string ConsumerName { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    public int Running => _inFlight.Count;

    public int Capacity => _options.MaxConcurrentWorkflows;

    /// <summary>When the loop last went round; the health check reports a stalled loop.</summary>
    public DateTimeOffset LastLoopAt { get; private set; }

    private sealed record InFlight(QueueEntry Entry, CancellationTokenSource Cancellation, Task Task);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.RunWorkers)
        {
            return;
        }

        var subscriber = redis.GetSubscriber();
        var subscribed = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                LastLoopAt = time.GetUtcNow();
                try
                {
                    // Inside the loop: the API starts (and reports unhealthy) while Redis is down.
                    if (!subscribed)
                    {
                        await subscriber.SubscribeAsync(RedisChannel.Literal(store.Keys.QueuedChannel), (_, _) => _wakeUp.Release());
                        await subscriber.SubscribeAsync(RedisChannel.Literal(store.Keys.CancelChannel), (_, id) => CancelLocal(id!));
                        subscribed = true;
                    }

                    await PumpAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    logger.LogWarning(ex, "Workflow worker could not reach Redis; retrying");
                }

                await _wakeUp.WaitAsync(_options.PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        finally
        {
            if (subscribed)
            {
                try
                {
                    await subscriber.UnsubscribeAsync(RedisChannel.Literal(store.Keys.QueuedChannel));
                    await subscriber.UnsubscribeAsync(RedisChannel.Literal(store.Keys.CancelChannel));
                }
                catch (RedisException)
                {
                    // Redis is gone; so are the subscriptions.
                }
            }
            // Stopping (the token is canceled): running workflows abort without a final save and
            // keep their entries pending, so another replica claims and resumes them.
            await Task.WhenAll(_inFlight.Values.Select(f => f.Task));
        }
    }

    private async Task PumpAsync(CancellationToken stoppingToken)
    {
        foreach (var entry in await TakeWorkAsync())
        {
            Start(entry, stoppingToken);
        }
    }

    /// <summary>
    /// Heartbeats, claims and reads. They run outside any trace, so their Redis calls are not
    /// traced (see PlatformExtensions): this loop polls every second and would bury real requests.
    /// </summary>
    private async Task<List<QueueEntry>> TakeWorkAsync()
    {
        await queue.EnsureGroupAsync();
        var now = time.GetUtcNow();
        if (now - _lastHeartbeat >= _options.HeartbeatInterval)
        {
            await queue.HeartbeatAsync(ConsumerName, _inFlight.Values.Select(f => f.Entry.EntryId).ToList());
            _lastHeartbeat = now;
            metrics.SetQueueBacklog((await queue.GetBacklogAsync(now)).Waiting);
            await TrimQueueAsync();
        }

        var taken = new List<QueueEntry>();
        var free = Capacity - Running;
        if (free > 0 && now - _lastClaimCheck >= _options.HeartbeatInterval)
        {
            _lastClaimCheck = now;
            foreach (var entry in await queue.ClaimAbandonedAsync(ConsumerName, _options.ClaimIdleTimeout, free))
            {
                logger.LogInformation("Claimed workflow {Workflow} from a worker that stopped", entry.WorkflowId);
                taken.Add(entry);
            }
        }

        free = Capacity - Running - taken.Count;
        if (free > 0)
        {
            taken.AddRange(await queue.ReadNewAsync(ConsumerName, free));
        }

        return taken;
    }

    /// <summary>Trims acknowledged entries; a server that refuses the script (a Redis-compatible one) must not stop the worker taking work.</summary>
    private async Task TrimQueueAsync()
    {
        try
        {
            await queue.TrimAsync();
        }
        catch (RedisServerException ex)
        {
            logger.LogWarning(ex, "Could not trim the workflow queue; acknowledged entries stay until a later heartbeat");
        }
    }

    private void Start(QueueEntry entry, CancellationToken stoppingToken)
    {
        if (_inFlight.ContainsKey(entry.WorkflowId))
        {
            return;
        }

        // Registered before it runs, so a run that ends at once still finds (and removes) its entry.
        var cancellation = new CancellationTokenSource();
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = Task.Run(async () =>
        {
            await registered.Task;
            await RunOneAsync(entry, cancellation.Token, stoppingToken);
        }, CancellationToken.None);
        _inFlight[entry.WorkflowId] = new InFlight(entry, cancellation, task);
        registered.SetResult();
        metrics.SetActiveWorkflows(_inFlight.Count);
    }

    private async Task RunOneAsync(QueueEntry entry, CancellationToken cancellation, CancellationToken stopping)
    {
        var acknowledge = false;
        try
        {
            acknowledge = await ClaimAndRunAsync(entry, cancellation, stopping);
        }
        catch (WorkflowFinishedElsewhereException ex)
        {
            logger.LogInformation("{Message}", ex.Message);
            acknowledge = true;
        }
        catch (OwnershipLostException ex)
        {
            logger.LogWarning("{Message} This worker stops running it.", ex.Message);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: the entry stays pending; another worker claims it and resumes.
        }
        catch (Exception ex)
        {
            // Redis went away mid-run: leave the entry pending; it is claimed again after the idle timeout.
            logger.LogError(ex, "Workflow {Workflow} stopped unexpectedly; it will be resumed", entry.WorkflowId);
        }
        finally
        {
            await ReleaseAsync(entry, acknowledge);
        }
    }

    /// <summary>
    /// Reads the workflow (one HGETALL: state, cancel flag, sequence; none for a fresh entry of a
    /// workflow this process created: <see cref="WorkflowHandoff"/>) and runs it; the run's first
    /// commit claims it. True when its queue entry is still to be acknowledged (finished or gone,
    /// and not acknowledged by the run's final commit).
    /// </summary>
    private async Task<bool> ClaimAndRunAsync(QueueEntry entry, CancellationToken cancellation, CancellationToken stopping)
    {
        var claim = await store.ReadForRunAsync(entry);
        if (claim.State is null)
        {
            // Deleted, or finished before the entry was acknowledged: its worker may have stopped
            // before telling the observers that must hear the finish.
            if (WorkflowStatus.IsFinished(claim.Status))
            {
                await runner.RetellFinishAsync(entry.WorkflowId, stopping);
            }

            return true;
        }

        if (claim.CancelRequested)
        {
            CancelLocal(entry.WorkflowId);
        }

        return !await runner.RunAsync(claim.State, claim.Sequence, ConsumerName, entry.EntryId, cancellation, stopping);
    }

    /// <summary>Acknowledges a finished entry (commit came first) and frees the slot for the next workflow.</summary>
    private async Task ReleaseAsync(QueueEntry entry, bool acknowledge)
    {
        if (acknowledge)
        {
            try
            {
                await queue.CompleteAsync(entry.EntryId);
            }
            catch (RedisException ex)
            {
                logger.LogWarning(ex, "Could not acknowledge workflow {Workflow}; it will be claimed and found finished", entry.WorkflowId);
            }
        }

        if (_inFlight.TryRemove(entry.WorkflowId, out var inFlight))
        {
            inFlight.Cancellation.Dispose();
        }

        metrics.SetActiveWorkflows(_inFlight.Count);
        _wakeUp.Release();
    }

    private void CancelLocal(string workflowId)
    {
        if (_inFlight.TryGetValue(workflowId, out var inFlight))
        {
            try
            {
                inFlight.Cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Finished meanwhile.
            }
        }
    }
}
