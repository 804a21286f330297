namespace StatusGrid.Grains.Partners;

/// <summary>Bound from <c>StatusGrid:Push</c>: how partners are pushed to.</summary>
public sealed class PushOptions
{
    public const string SectionName = "StatusGrid:Push";

    /// <summary>Requests in flight at once per partner (one per EVSE at most).</summary>
    public int MaxConcurrency { get; set; } = 8;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First retry delay after a transient failure; doubles per consecutive failure, with jitter.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Consecutive transient failures that open the partner's circuit.</summary>
    public int BreakerThreshold { get; set; } = 5;

    /// <summary>How long an open circuit waits before one probe request.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a partner re-derives its backlog from the delivery ledger (catches changes a crashed silo never handed over).</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Most parties (ClientInfo objects) one hub may have us hold. Each is kept in the hub partner's state, which every
    /// ClientInfo PUT rewrites whole, so a hub looping over made-up parties would otherwise grow it without bound. A
    /// party already held is always updated; a new one past the bound is refused with an OCPI error.
    /// </summary>
    public int MaxHubClients { get; set; } = 10_000;

    /// <summary>Most undelivered EVSEs read from the ledger at once.</summary>
    public int ReconcileBatch { get; set; } = 100_000;

    /// <summary>
    /// The freshness objective: a change should reach each partner within this. EU AFIR (Implementing Regulation
    /// 2025/655) asks for dynamic availability no later than one minute after the change.
    /// </summary>
    public TimeSpan FreshnessObjective { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Share of recent deliveries that must meet the objective; below it the partner shows as breaching.</summary>
    public double FreshnessTarget { get; set; } = 0.99;

    /// <summary>
    /// Ordered delivery: the most messages queued per partner (per-partner override <c>max_backlog</c>). Past it, a new
    /// state of an EVSE that already has one queued replaces that one (counted as overflowed) instead of joining.
    /// </summary>
    public int OrderedMaxBacklog { get; set; } = 100_000;

    /// <summary>On registration, PUT every Location the partner may see.</summary>
    public bool PutAllLocationsOnRegistration { get; set; } = true;
}
