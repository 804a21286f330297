namespace StatusGrid.Storage;

/// <summary>SQL shared by both providers for the derived partner outbox.</summary>
internal static class DeliveryLedgerSql
{
    /// <summary>
    /// Current statuses the partner has not received at their current version. Walks evse_status in key order and
    /// probes partner_delivery by primary key, stopping after @limit hits; the order makes successive reads
    /// deterministic.
    /// </summary>
    public const string Undelivered = """
        SELECT s.location_id, s.evse_uid, s.status, s.last_updated, s.version
        FROM evse_status s
        LEFT JOIN partner_delivery d
               ON d.partner_id = @partner_id AND d.location_id = s.location_id AND d.evse_uid = s.evse_uid
        WHERE s.version > coalesce(d.version, 0)
        ORDER BY s.location_id, s.evse_uid
        LIMIT @limit;
        """;
}
