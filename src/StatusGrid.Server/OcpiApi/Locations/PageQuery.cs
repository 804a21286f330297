using Microsoft.AspNetCore.Mvc;

namespace StatusGrid.Server.OcpiApi.Locations;

/// <summary>
/// The pagination parameters of a GET list as the client sent them (<c>[AsParameters]</c>). Bound as text on purpose:
/// a value minimal APIs cannot convert would be answered with an empty 400 before our code runs, and OCPI wants a
/// 2001 envelope that quotes the offending value (<see cref="PageRequest.TryRead"/>).
/// </summary>
/// <remarks>
/// Properties, not a positional record: the compile-time request delegate generator writes <c>typeof(string?)</c> for
/// the constructor of a record with nullable text parameters, which does not compile.
/// </remarks>
public sealed class PageQuery
{
    [FromQuery(Name = "offset")]
    public string? Offset { get; init; }

    [FromQuery(Name = "limit")]
    public string? Limit { get; init; }

    [FromQuery(Name = "date_from")]
    public string? DateFrom { get; init; }

    [FromQuery(Name = "date_to")]
    public string? DateTo { get; init; }
}
