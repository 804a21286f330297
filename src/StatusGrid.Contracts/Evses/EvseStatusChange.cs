using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Contracts.Evses;

/// <summary>
/// One accepted status change, as fanned out to partners and dashboards. <see cref="Version"/> rises by one per change
/// of this EVSE, so receivers can drop anything older than what they hold. <see cref="IsNew"/> marks the first status
/// of an EVSE that a Location put created: partners get it inside that Location's PUT, not as a PATCH.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EvseStatusChange(
    [property: Id(0)] string LocationId,
    [property: Id(1)] string EvseUid,
    [property: Id(2)] string CountryCode,
    [property: Id(3)] string PartyId,
    [property: Id(4)] bool Publish,
    [property: Id(5)] EvseStatus Status,
    [property: Id(6)] DateTimeOffset LastUpdated,
    [property: Id(7)] long Version,
    [property: Id(8)] bool IsNew = false)
{
    /// <summary>The Location's <c>country</c> (ISO 3166-1 alpha-3), which partner country filters match.</summary>
    [Id(9)] public string Country { get; init; } = "";

    /// <summary>
    /// W3C traceparent of the report that caused this change, when it was traced: partner queues coalesce and retry
    /// on their own schedule, so the push continues this trace explicitly rather than whatever is current then.
    /// </summary>
    [Id(10)] public string? TraceParent { get; init; }
}
