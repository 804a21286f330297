namespace StatusGrid.Contracts.Partners;

/// <summary>
/// A push the partner refused with a client error (other than 404/408/429). It is not sent again until the object
/// changes again or an admin asks for a resync.
/// </summary>
/// <param name="EvseUid">Null for a Location PUT.</param>
/// <param name="Version">The EVSE version refused (null for a Location PUT).</param>
/// <param name="HttpStatus">The answer's HTTP status code.</param>
/// <param name="OcpiStatusCode">The OCPI status_code of the answer's envelope, when it had one.</param>
/// <param name="Message">The partner's message (bounded length).</param>
[GenerateSerializer, Immutable]
public sealed record PushRejection(
    [property: Id(0)] string LocationId,
    [property: Id(1)] string? EvseUid,
    [property: Id(2)] long? Version,
    [property: Id(3)] int? HttpStatus,
    [property: Id(4)] int? OcpiStatusCode,
    [property: Id(5)] string? Message,
    [property: Id(6)] DateTimeOffset At);
