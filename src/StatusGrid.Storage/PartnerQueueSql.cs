namespace StatusGrid.Storage;

/// <summary>The owner check of <see cref="IPartnerQueueStore"/> saves, the same text on SQLite and PostgreSQL.</summary>
internal static class PartnerQueueSql
{
    /// <summary>Takes the queue over (an activation's first save): always one row.</summary>
    public const string Claim = """
        INSERT INTO partner_queue_meta (partner_id, owner, meta) VALUES (@partner_id, @owner, @meta)
        ON CONFLICT (partner_id) DO UPDATE SET owner = excluded.owner, meta = excluded.meta;
        """;

    /// <summary>Any later save: no row when another activation has claimed the queue since (or it was deleted).</summary>
    public const string UpdateOwned = """
        UPDATE partner_queue_meta SET meta = @meta WHERE partner_id = @partner_id AND owner = @owner;
        """;
}
