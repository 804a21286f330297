using Microsoft.AspNetCore.Mvc;

namespace StatusGrid.Server.OcpiApi.Locations;

/// <summary>
/// The pagination parameters of a GET list as the client sent them (<c>[AsParameters]</c>). Bound as text on purpose:
/// a value minimal APIs cannot convert would be answered with an empty 400 before our code runs, and OCPI wants a
/// 2001 envelope that quotes the offending value (<see cref="PageRequest.TryRead"/>).
/// </summary>
public sealed record PageQuery(
    [FromQuery(Name = "offset")] string? Offset,
    [FromQuery(Name = "limit")] string? Limit,
    [FromQuery(Name = "date_from")] string? DateFrom,
    [FromQuery(Name = "date_to")] string? DateTo);
