namespace StatusGrid.Storage;

/// <summary>
/// SQL shared by both providers for OCPI location pages. Only the filters actually given appear in the WHERE
/// (an "@p IS NULL OR ..." form would stop the planners from using the (last_updated, seq) index).
/// </summary>
internal static class LocationQuerySql
{
    public const string Columns = "id, country_code, country, party_id, publish, last_updated, json, document_version";

    public static void Validate(LocationQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
    }

    /// <summary>
    /// date_from inclusive, date_to exclusive, on the effective last_updated; then the partner filters. The publish
    /// flag and the Location's country live in the paging indexes (migrations 6 and 8), so they are tested on index
    /// entries; ids go through the upper(id) index. List parameters are upper-cased by <see cref="UpperList"/>;
    /// countries are stored upper-case.
    /// </summary>
    public static string Where(LocationQuery query, SqlDialect dialect = SqlDialect.Sqlite)
    {
        var conditions = new List<string>(5);
        if (query.DateFrom is not null)
        {
            conditions.Add("last_updated >= @date_from");
        }

        if (query.DateTo is not null)
        {
            conditions.Add("last_updated < @date_to");
        }

        if (query.PublishedOnly)
        {
            conditions.Add(dialect == SqlDialect.PostgreSql ? "publish" : "publish = 1");
        }

        if (query.Countries is not null)
        {
            // Stored upper-case by the stores; a plain column keeps the planners' statistics (upper() would hide them).
            conditions.Add("country " + InList(dialect, "countries"));
        }

        if (query.LocationIds is not null)
        {
            conditions.Add("upper(id) " + InList(dialect, "location_ids"));
        }

        if (query.Search is not null)
        {
            conditions.Add(dialect == SqlDialect.PostgreSql
                ? @"(upper(id) LIKE @search OR upper(coalesce(json::jsonb ->> 'name', '')) LIKE @search OR upper(coalesce(json::jsonb ->> 'address', '')) LIKE @search OR upper(coalesce(json::jsonb ->> 'city', '')) LIKE @search)"
                : @"(upper(id) LIKE @search ESCAPE '\' OR upper(coalesce(json_extract(json, '$.name'), '')) LIKE @search ESCAPE '\' OR upper(coalesce(json_extract(json, '$.address'), '')) LIKE @search ESCAPE '\' OR upper(coalesce(json_extract(json, '$.city'), '')) LIKE @search ESCAPE '\')");
        }

        return conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions);
    }

    public static string Count(LocationQuery query, SqlDialect dialect = SqlDialect.Sqlite) =>
        $"SELECT count(*) FROM locations {Where(query, dialect)};";

    /// <summary>
    /// The page's seqs are picked from an index alone ((seq) unfiltered, (last_updated, seq) filtered), then only
    /// those rows are read: OFFSET skips narrow index entries, never the wide json rows.
    /// </summary>
    public static string Page(LocationQuery query, SqlDialect dialect = SqlDialect.Sqlite) => $"""
        SELECT {Columns} FROM locations
        WHERE seq IN (SELECT seq FROM locations {Where(query, dialect)} ORDER BY seq LIMIT @limit OFFSET @offset)
        ORDER BY seq;
        """;

    /// <summary>The LIKE pattern for <see cref="LocationQuery.Search"/>: upper-case, wildcards escaped, "contains".</summary>
    public static string SearchPattern(string search) =>
        "%" + search.ToUpperInvariant().Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";

    /// <summary>The values of a list filter as bound: upper-case, without duplicates.</summary>
    public static string[] UpperList(IReadOnlyList<string> values) =>
        [.. values.Select(v => v.ToUpperInvariant()).Distinct(StringComparer.Ordinal)];

    // SQLite gets one JSON array parameter (no limit on the number of values), PostgreSQL a text[].
    private static string InList(SqlDialect dialect, string parameter) => dialect == SqlDialect.PostgreSql
        ? $"= ANY(@{parameter})"
        : $"IN (SELECT value FROM json_each(@{parameter}))";
}
