namespace StatusGrid.Storage;

/// <summary>One page of the OCPI Locations sender: date_from inclusive, date_to exclusive, on last_updated.</summary>
public sealed record LocationQuery(int Offset, int Limit, DateTimeOffset? DateFrom = null, DateTimeOffset? DateTo = null);
