namespace StatusGrid.Server.Dashboard.Estate;

/// <summary>How well one map location matches a search, for <see cref="DashboardEstate.Search"/>.</summary>
internal static class EstateSearch
{
    /// <summary>4: exact evse_id (with or without separators); 3: the city; 2: part of address, city, postal code, name or id; 1: part of an evse_id; 0: no match.</summary>
    public static (int Rank, string Matched) Match(MapLocation location, string q)
    {
        foreach (var evse in location.Evses)
        {
            if (evse.EvseId is { } id && (string.Equals(Compact(id), Compact(q), StringComparison.OrdinalIgnoreCase)))
            {
                return (4, id);
            }
        }

        if (string.Equals(location.City, q, StringComparison.OrdinalIgnoreCase))
        {
            return (3, location.City);
        }

        foreach (var text in new[] { location.Address, location.City, location.PostalCode, location.Name, location.Id })
        {
            if (text is not null && text.Contains(q, StringComparison.OrdinalIgnoreCase))
            {
                return (2, text);
            }
        }

        var evseMatch = location.Evses.FirstOrDefault(e => e.EvseId is { } id && Compact(id).Contains(Compact(q), StringComparison.OrdinalIgnoreCase));
        return evseMatch is null ? (0, "") : (1, evseMatch.EvseId!);
    }

    // eMI3 ids are written with or without '*' separators (NL*SGR*E1 = NLSGRE1).
    private static string Compact(string evseId) => evseId.Replace("*", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
}
