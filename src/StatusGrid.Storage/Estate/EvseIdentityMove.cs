namespace StatusGrid.Storage.Estate;

/// <summary>
/// Moves EVSE identities that earlier versions kept in Orleans grain state (state name <c>evse</c>, the EVSE grain's
/// key as the key extension, its <c>EvseMetaState</c> as System.Text.Json) into <c>evse_meta</c>, then deletes them
/// there. Run by every schema migration from version <see cref="SinceVersion"/> on, inside its transaction: the first
/// run moves what an earlier version wrote; later runs move what a silo still on it wrote during a rolling upgrade
/// (the last silo of the new version to start finds every old one stopped). Grain state was what such a grain read
/// first, so a moved row replaces an imported one.
/// </summary>
internal static class EvseIdentityMove
{
    public const int SinceVersion = 12;

    private const string Columns = EvseMetaSql.Columns + ", horizon";

    private const string Update = $"ON CONFLICT (evse_key) DO UPDATE SET {EvseMetaSql.UpdateIdentity}, horizon = excluded.horizon;";

    private const string Delete = "DELETE FROM orleans_grain_state WHERE grain_type_string = 'evse';";

    /// <summary>The evse_id key is built as EvseKey.EvseId does ("E*" + upper case; evse_ids are ASCII).</summary>
    public const string PostgreSql = $"""
        INSERT INTO evse_meta ({Columns})
        SELECT key, p->>'LocationId', p->>'EvseUid', p->>'EvseId',
               CASE WHEN coalesce(p->>'EvseId', '') <> '' THEN 'E*' || upper(p->>'EvseId') END,
               coalesce(p->>'CountryCode', ''), coalesce(p->>'PartyId', ''), coalesce((p->>'Publish')::boolean, false), coalesce(p->>'Country', ''),
               coalesce(date_trunc('milliseconds', (p->>'DocumentLastUpdated')::timestamptz), 'epoch'),
               date_trunc('milliseconds', (p->>'Horizon')::timestamptz)
        FROM (SELECT grain_id_extension_string AS key, convert_from(payload_binary, 'UTF8')::jsonb AS p
              FROM orleans_grain_state
              WHERE grain_type_string = 'evse' AND payload_binary IS NOT NULL AND grain_id_extension_string IS NOT NULL) AS legacy
        WHERE p->>'LocationId' IS NOT NULL AND p->>'EvseUid' IS NOT NULL
        {Update}
        {Delete}
        """;

    /// <summary>Times are ISO 8601 with an offset in the JSON, Unix milliseconds in evse_meta.</summary>
    public const string Sqlite = $"""
        INSERT INTO evse_meta ({Columns}, imported_seq)
        SELECT key, json_extract(p, '$.LocationId'), json_extract(p, '$.EvseUid'), json_extract(p, '$.EvseId'),
               CASE WHEN coalesce(json_extract(p, '$.EvseId'), '') <> '' THEN 'E*' || upper(json_extract(p, '$.EvseId')) END,
               coalesce(json_extract(p, '$.CountryCode'), ''), coalesce(json_extract(p, '$.PartyId'), ''), coalesce(json_extract(p, '$.Publish'), 0),
               coalesce(json_extract(p, '$.Country'), ''),
               coalesce(CAST(round((julianday(json_extract(p, '$.DocumentLastUpdated')) - 2440587.5) * 86400000.0) AS INTEGER), 0),
               CAST(round((julianday(json_extract(p, '$.Horizon')) - 2440587.5) * 86400000.0) AS INTEGER),
               (SELECT coalesce(max(imported_seq), 0) FROM evse_meta) + row_number() OVER ()
        FROM (SELECT grain_id_extension_string AS key, CAST(payload_binary AS TEXT) AS p
              FROM orleans_grain_state
              WHERE grain_type_string = 'evse' AND payload_binary IS NOT NULL AND grain_id_extension_string IS NOT NULL)
        WHERE json_extract(p, '$.LocationId') IS NOT NULL AND json_extract(p, '$.EvseUid') IS NOT NULL
        {Update}
        {Delete}
        """;
}
