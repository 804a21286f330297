namespace StatusGrid.Storage;

/// <summary>
/// The durable queue of an <c>ordered</c> partner (store and forward), row by row: one row per queued message, one per
/// EVSE whose newest sent state guards "never older after newer", and one of counters. A save writes only what changed
/// since the last one, in one transaction, so its cost follows the change, not the backlog: the queue used to be one
/// grain-state document rewritten whole on every hand-off (megabytes for a hub with 100k EVSEs, at every ingest).
/// The payloads are the grains' own JSON; the store keeps them opaque.
/// </summary>
public interface IPartnerQueueStore
{
    /// <summary>Everything stored for the partner; <see cref="PartnerQueueRows.Meta"/> is null when nothing ever was.</summary>
    Task<PartnerQueueRows> ReadAsync(string partnerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies one save atomically: every row of it is stored, or none (then it throws). A save that claims
    /// (<see cref="PartnerQueueWrite.Claim"/>) makes its owner the queue's; any other save is stored only while its
    /// owner still is, and otherwise throws <see cref="PartnerQueueFencedException"/>: an activation that another
    /// has replaced (its silo declared dead while it still ran) cannot write over the queue its successor sends from.
    /// </summary>
    Task WriteAsync(string partnerId, PartnerQueueWrite write, CancellationToken cancellationToken = default);

    /// <summary>Forgets the partner's queue (removed, or no longer ordered).</summary>
    Task DeleteAsync(string partnerId, CancellationToken cancellationToken = default);
}

/// <summary>A message of the queue: its sequence number (its place in its lane) and its payload.</summary>
public sealed record QueuedMessageRow(long Seq, string Payload);

/// <summary>The newest state sent for one EVSE (key as the grains form it), with the latest last_updated sent.</summary>
public sealed record SentStateRow(string EvseKey, long LastUpdatedUnixMs, long Version, int Status);

/// <summary>What is stored for one partner, messages in sequence order.</summary>
public sealed record PartnerQueueRows(string? Meta, IReadOnlyList<QueuedMessageRow> Messages, IReadOnlyList<SentStateRow> Sent)
{
    public static PartnerQueueRows Empty { get; } = new(null, [], []);
}

/// <summary>One save: the counters (replaced), messages upserted, messages deleted, sent states upserted.</summary>
/// <param name="Owner">The writing activation (any text unique to it).</param>
/// <param name="Claim">Take the queue over for <paramref name="Owner"/> (an activation's first save).</param>
public sealed record PartnerQueueWrite(
    string Meta,
    IReadOnlyList<QueuedMessageRow> Upserts,
    IReadOnlyList<long> Deletes,
    IReadOnlyList<SentStateRow> Sent,
    string Owner,
    bool Claim)
{
    /// <summary>Rows the save touches (counters included): what a hand-off costs the database.</summary>
    public int RowCount => 1 + Upserts.Count + Deletes.Count + Sent.Count;
}

/// <summary>The queue is owned by another activation of the partner: this save was not stored.</summary>
public sealed class PartnerQueueFencedException(string partnerId)
    : InvalidOperationException($"The ordered queue of partner '{partnerId}' is owned by another activation; this save was not stored.");
