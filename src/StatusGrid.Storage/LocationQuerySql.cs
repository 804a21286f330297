namespace StatusGrid.Storage;

/// <summary>
/// SQL shared by both providers for OCPI location pages. Only the filters actually given appear in the WHERE
/// (an "@p IS NULL OR ..." form would stop the planners from using the (last_updated, seq) index).
/// </summary>
internal static class LocationQuerySql
{
    public const string Columns = "id, country_code, party_id, publish, last_updated, json";

    public static void Validate(LocationQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
    }

    /// <summary>date_from inclusive, date_to exclusive, on the effective last_updated.</summary>
    public static string Where(LocationQuery query) => (query.DateFrom, query.DateTo) switch
    {
        (null, null) => string.Empty,
        (not null, null) => "WHERE last_updated >= @date_from",
        (null, not null) => "WHERE last_updated < @date_to",
        _ => "WHERE last_updated >= @date_from AND last_updated < @date_to",
    };

    public static string Count(LocationQuery query) => $"SELECT count(*) FROM locations {Where(query)};";

    /// <summary>
    /// The page's seqs are picked from an index alone ((seq) unfiltered, (last_updated, seq) filtered), then only
    /// those rows are read: OFFSET skips narrow index entries, never the wide json rows.
    /// </summary>
    public static string Page(LocationQuery query) => $"""
        SELECT {Columns} FROM locations
        WHERE seq IN (SELECT seq FROM locations {Where(query)} ORDER BY seq LIMIT @limit OFFSET @offset)
        ORDER BY seq;
        """;
}
