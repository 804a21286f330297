using System.Collections.Concurrent;

namespace StatusGrid.MockEmsp;

/// <summary>
/// The latest pushes, for <c>GET /received</c> (a person watching PATCHes arrive). Bounded; off (capacity 0) in load
/// runs, where only counts and latencies matter.
/// </summary>
public sealed class RecentPushes(int capacity)
{
    private readonly ConcurrentQueue<RecentPush> _pushes = new();

    public bool Enabled => capacity > 0;

    public void Add(RecentPush push)
    {
        if (!Enabled)
        {
            return;
        }

        _pushes.Enqueue(push);
        while (_pushes.Count > capacity && _pushes.TryDequeue(out _))
        {
        }
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<RecentPush> Latest() => [.. _pushes.Reverse()];

    public void Clear() => _pushes.Clear();
}

/// <param name="Answer">HTTP status the mock answered (503 when an error was injected).</param>
public sealed record RecentPush(DateTimeOffset ReceivedAt, int Partner, string Method, string Path, string? Status, string? LastUpdated, int Answer);
