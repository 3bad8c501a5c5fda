namespace VoiceHub.ApiService.Workflows.Events;

/// <summary>The feeds of one stream on this replica, and how far the replica has read that stream.</summary>
internal sealed class FeedGroup(string lastEntryId)
{
    private readonly Lock _lock = new();
    private readonly List<EventFeed> _feeds = [];
    private bool _fetching;
    private bool _again;

    public string LastEntryId { get; private set; } = lastEntryId;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _feeds.Count;
            }
        }
    }

    public void Add(EventFeed feed)
    {
        lock (_lock)
        {
            _feeds.Add(feed);
        }
    }

    /// <summary>Removes a feed; returns how many remain.</summary>
    public int Remove(EventFeed feed)
    {
        lock (_lock)
        {
            _feeds.Remove(feed);
            return _feeds.Count;
        }
    }

    /// <summary>True when this caller should read; a notification during a read makes that read go round once more.</summary>
    public bool TryBeginFetch()
    {
        lock (_lock)
        {
            if (_fetching)
            {
                _again = true;
                return false;
            }

            _fetching = true;
            return true;
        }
    }

    /// <summary>Ends a read; true when another notification came meanwhile and the reader must read again.</summary>
    public bool EndFetch()
    {
        lock (_lock)
        {
            if (_again)
            {
                _again = false;
                return true;
            }

            _fetching = false;
            return false;
        }
    }

    public void AbandonFetch()
    {
        lock (_lock)
        {
            _fetching = false;
            _again = false;
        }
    }

    public void Broadcast(IReadOnlyList<EventEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        EventFeed[] feeds;
        lock (_lock)
        {
            LastEntryId = entries[^1].EntryId;
            feeds = [.. _feeds];
        }

        foreach (var feed in feeds)
        {
            foreach (var entry in entries)
            {
                feed.Publish(entry);
            }
        }
    }
}
