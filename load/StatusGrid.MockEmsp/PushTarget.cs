namespace StatusGrid.MockEmsp;

/// <summary>
/// The object a Locations push addresses, from the path after <c>.../locations/</c>:
/// <c>{country_code}/{party_id}/{location_id}[/{evse_uid}[/{connector_id}]]</c>.
/// </summary>
public readonly record struct PushTarget(PushKind Kind, string LocationId, string? EvseUid)
{
    public static PushTarget Parse(string method, string? path)
    {
        var segments = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var location = segments.Length >= 3 ? Uri.UnescapeDataString(segments[2]) : "";
        var evse = segments.Length >= 4 ? Uri.UnescapeDataString(segments[3]) : null;
        var kind = (method, segments.Length) switch
        {
            ("PATCH", 4) => PushKind.EvsePatch,
            ("PUT", 3) => PushKind.LocationPut,
            _ => PushKind.Other,
        };
        return new PushTarget(kind, location, evse);
    }
}
