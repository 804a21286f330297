namespace StatusGrid.Storage;

/// <summary>SQL of the delivery ledger (the derived partner outbox): shared, or per provider where they differ.</summary>
internal static class DeliveryLedgerSql
{
    /// <summary>
    /// Current statuses the partner has not received at their current version. Walks evse_status in key order and
    /// probes partner_delivery by primary key, stopping after @limit hits; the order makes successive reads
    /// deterministic, and @after_location/@after_evse (exclusive; empty strings from the start) page through them.
    /// </summary>
    public const string Undelivered = """
        SELECT s.location_id, s.evse_uid, s.status, s.last_updated, s.version
        FROM evse_status s
        LEFT JOIN partner_delivery d
               ON d.partner_id = @partner_id AND d.location_id = s.location_id AND d.evse_uid = s.evse_uid
        WHERE s.version > coalesce(d.version, 0)
          AND (s.location_id > @after_location OR (s.location_id = @after_location AND s.evse_uid > @after_evse))
        ORDER BY s.location_id, s.evse_uid
        LIMIT @limit;
        """;

    /// <summary>Delivered versions of a set of EVSEs, passed as one JSON array of [location_id, evse_uid] pairs (SQLite).</summary>
    public const string DeliveredSqlite = """
        SELECT d.location_id, d.evse_uid, d.version
        FROM json_each(@evses) e
        JOIN partner_delivery d
          ON d.partner_id = @partner_id
         AND d.location_id = json_extract(e.value, '$[0]')
         AND d.evse_uid = json_extract(e.value, '$[1]');
        """;

    /// <summary>Delivered versions of a set of EVSEs, passed as two parallel arrays (PostgreSQL).</summary>
    public const string DeliveredPostgres = """
        SELECT d.location_id, d.evse_uid, d.version
        FROM unnest(@location_ids, @evse_uids) AS e(location_id, evse_uid)
        JOIN partner_delivery d
          ON d.partner_id = @partner_id AND d.location_id = e.location_id AND d.evse_uid = e.evse_uid;
        """;
}
