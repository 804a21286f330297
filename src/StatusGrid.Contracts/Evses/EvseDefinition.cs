using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Contracts.Evses;

/// <summary>
/// What a Location put tells one of its EVSEs: canonical ids, owner (<see cref="CountryCode"/>/<see cref="PartyId"/>), where
/// it is (<see cref="Country"/>, the Location's ISO 3166-1 alpha-3 country), visibility and the status in the document.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EvseDefinition(
    [property: Id(0)] string LocationId,
    [property: Id(1)] string EvseUid,
    [property: Id(2)] string? EvseId,
    [property: Id(3)] string CountryCode,
    [property: Id(4)] string PartyId,
    [property: Id(5)] bool Publish,
    [property: Id(6)] EvseStatus Status,
    [property: Id(7)] DateTimeOffset LastUpdated,
    [property: Id(8)] string Country)
{
    /// <summary>
    /// The EVSE's last_updated in the stored document, as partners receive it in the Location PUT. Later than
    /// <see cref="LastUpdated"/> when an edit without a newer stamp was stamped by StatusGrid.
    /// </summary>
    [Id(9)] public DateTimeOffset DocumentLastUpdated { get; init; }
}
