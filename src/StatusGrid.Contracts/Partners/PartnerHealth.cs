using System.Collections.Immutable;

namespace StatusGrid.Contracts.Partners;

/// <summary>What an operator needs to see of one partner's push pipeline.</summary>
[GenerateSerializer, Immutable]
public sealed record PartnerHealth
{
    [Id(0)] public required string PartnerId { get; init; }
    [Id(1)] public int QueueDepth { get; init; }
    [Id(2)] public TimeSpan? OldestPendingAge { get; init; }
    [Id(3)] public int InFlight { get; init; }
    [Id(4)] public long Successes { get; init; }
    [Id(5)] public ImmutableDictionary<string, long> FailuresByKind { get; init; } = ImmutableDictionary<string, long>.Empty;
    [Id(6)] public string CircuitState { get; init; } = "Closed";
    [Id(7)] public string? LastError { get; init; }
    [Id(8)] public DateTimeOffset? LastErrorAt { get; init; }
    [Id(9)] public long Coalesced { get; init; }
    [Id(10)] public double? PushLatencyP50Ms { get; init; }
    [Id(11)] public double? PushLatencyP99Ms { get; init; }
    [Id(12)] public int PendingLocationPuts { get; init; }

    /// <summary>Pushes the partner refused (client errors), newest first, at most a bounded number.</summary>
    [Id(13)] public ImmutableArray<PushRejection> Rejections { get; init; } = [];

    /// <summary>Rejections since the activation started (the list above is bounded).</summary>
    [Id(14)] public long Rejected { get; init; }

    /// <summary>The freshness objective: a change should reach the partner within this (AFIR: one minute).</summary>
    [Id(15)] public TimeSpan FreshnessObjective { get; init; }

    /// <summary>Changes delivered within the objective, and later than it (since the activation started).</summary>
    [Id(16)] public long DeliveredWithinObjective { get; init; }

    [Id(17)] public long DeliveredLate { get; init; }

    /// <summary>Share of the most recent deliveries (up to 1,024) that met the objective; null before the first one.</summary>
    [Id(18)] public double? FreshnessShare { get; init; }

    /// <summary>The age of the oldest change the partner does not have yet (pending or in flight); null when none.</summary>
    [Id(19)] public TimeSpan? WorstLag { get; init; }

    /// <summary>True while the worst lag exceeds the objective or the recent share is below the target.</summary>
    [Id(20)] public bool FreshnessBreached { get; init; }

    /// <summary>Reached through a hub: the party's connection status as the hub last reported it (null: never reported).</summary>
    [Id(21)] public string? HubPartyStatus { get; init; }

    /// <summary>True while nothing is sent because the hub reports the party not CONNECTED; changes wait, coalesced.</summary>
    [Id(22)] public bool HeldByHub { get; init; }

    /// <summary>"latest" or "ordered".</summary>
    [Id(23)] public string DeliveryMode { get; init; } = "latest";

    /// <summary>The partner's request rate limit (requests/s); null when unlimited.</summary>
    [Id(24)] public int? MaxRequestsPerSecond { get; init; }

    /// <summary>Times the rate limit held back a request that could otherwise have started.</summary>
    [Id(25)] public long RateLimited { get; init; }

    /// <summary>Ordered mode: the queue's bound (messages).</summary>
    [Id(26)] public int? MaxBacklog { get; init; }

    /// <summary>Ordered mode: states that replaced a queued state of their EVSE because the queue was at its bound.</summary>
    [Id(27)] public long Overflowed { get; init; }

    /// <summary>Ordered mode: queued states dropped because a recovery PUT (the partner had lost the location) carried newer ones.</summary>
    [Id(28)] public long Superseded { get; init; }

    /// <summary>
    /// Messages not sent again because a GET of the partner's copy showed it already held them (their answer had been
    /// lost to a timeout, a dropped connection, or in ordered mode a crash).
    /// </summary>
    [Id(29)] public long AlreadyHeld { get; init; }

    /// <summary>
    /// Set after the previous activation of the partner ended in a crash: nothing is sent before this time (its
    /// requests still on the network must land first, see the request timeout); null when sends are not held.
    /// </summary>
    [Id(30)] public DateTimeOffset? SendsHeldUntil { get; init; }
}
