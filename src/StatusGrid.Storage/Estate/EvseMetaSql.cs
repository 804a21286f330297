namespace StatusGrid.Storage.Estate;

/// <summary>SQL on <c>evse_meta</c> that both providers (and the migration's identity move) write the same way.</summary>
internal static class EvseMetaSql
{
    /// <summary>The identity columns, in <see cref="EvseMeta"/>'s order; <c>horizon</c> is read and written after them.</summary>
    public const string Columns = "evse_key, location_id, evse_uid, evse_id, evse_id_key, country_code, party_id, publish, country, document_last_updated";

    /// <summary>An upsert's SET list for the identity columns (not the key, the import sequence or the horizon).</summary>
    public const string UpdateIdentity = """
        location_id = excluded.location_id, evse_uid = excluded.evse_uid, evse_id = excluded.evse_id, evse_id_key = excluded.evse_id_key,
        country_code = excluded.country_code, party_id = excluded.party_id, publish = excluded.publish, country = excluded.country,
        document_last_updated = excluded.document_last_updated
        """;

    /// <summary>Raises a row's horizon to @horizon, never lowers it, leaves the identity alone.</summary>
    public const string RaiseHorizon = "UPDATE evse_meta SET horizon = @horizon WHERE evse_key = @key AND (horizon IS NULL OR horizon < @horizon);";
}
