using System.Collections.Immutable;
using StatusGrid.Contracts.Evses;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// One message of an ordered partner's queue: an EVSE status PATCH (<see cref="Change"/>), or a Location PUT carrying
/// each EVSE's status as it was when the PUT joined the queue (<see cref="Evses"/>), so the PUT never jumps ahead of
/// the PATCHes queued before it nor behind those queued after it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OrderedMessage(
    [property: Id(0)] long Seq,
    [property: Id(1)] string LocationId,
    [property: Id(2)] EvseStatusChange? Change,
    [property: Id(3)] ImmutableArray<CapturedEvse> Evses,
    [property: Id(4)] DateTimeOffset Since)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsPut => Change is null;

    /// <summary>Queued by reconcile (a state read from the store, not handed over by the fan-out): states the fan-out
    /// still delivers for its EVSE, if older, go before it.</summary>
    [Id(5)] public bool Recovered { get; init; }
}

/// <summary>An EVSE's status as a queued PUT must carry it.</summary>
[GenerateSerializer, Immutable]
public sealed record CapturedEvse(
    [property: Id(0)] string EvseUid,
    [property: Id(1)] EvseStatus Status,
    [property: Id(2)] DateTimeOffset LastUpdated,
    [property: Id(3)] long Version);

/// <summary>
/// An ordered partner's queue as one document: how versions before the row store (<see cref="Storage.IPartnerQueueStore"/>)
/// kept it, in the "partnerqueue" grain state, rewritten whole on every save. Read once to move it into the store;
/// also the form the rows are read back into.
/// </summary>
[GenerateSerializer]
public sealed class OrderedQueueState
{
    [Id(0)] public List<OrderedMessage> Messages { get; set; } = [];

    [Id(1)] public long NextSeq { get; set; } = 1;

    /// <summary>States not queued because the bound was reached (the EVSE's queued state was replaced), ever.</summary>
    [Id(2)] public long Overflowed { get; set; }

    /// <summary>Per EVSE key: the latest last_updated sent, as stored before <see cref="SentStates"/> (read, no longer written).</summary>
    [Id(3)] public Dictionary<string, DateTimeOffset> Sent { get; set; } = [];

    /// <summary>
    /// Lanes whose head may be at the partner already (its answer lost). Listed only by an activation that stopped
    /// with nothing in flight; null (every head uncertain) in what a running activation writes, since a crash leaves it.
    /// </summary>
    [Id(4)] public List<string>? Uncertain { get; set; }

    /// <summary>Heads found at the partner already and not sent again, ever.</summary>
    [Id(5)] public long AlreadyHeld { get; set; }

    /// <summary>
    /// Per EVSE key: the newest state sent, with the latest last_updated sent, so no later message goes back; as
    /// [last_updated in Unix ms, version, status]. (In the grain-state document the whole map was written with every
    /// queue write: ≈ 5 MB of JSON at 100k EVSEs; the store writes the EVSEs whose sent state changed.)
    /// </summary>
    [Id(6)] public Dictionary<string, long[]>? SentStates { get; set; }
}
