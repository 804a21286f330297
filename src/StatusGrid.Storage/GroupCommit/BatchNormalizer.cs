namespace StatusGrid.Storage.GroupCommit;

/// <summary>Shapes a group-commit batch before it is written, the same way for both providers.</summary>
internal static class BatchNormalizer
{
    /// <summary>
    /// One record per EVSE (the highest version wins, as it would in the table), sorted by key. One row per key is
    /// what a multi-row upsert needs; the fixed order makes concurrent writers (several silos) lock rows in the
    /// same order, so they wait for each other instead of deadlocking. Two spellings of one uid are one EVSE, as in the
    /// table (see <see cref="EvseRowKeyComparer"/>): PostgreSQL's upsert cannot touch one row twice.
    /// </summary>
    public static List<EvseStatusRecord> LatestPerEvse(IReadOnlyList<EvseStatusRecord> records)
    {
        var latest = new Dictionary<(string LocationId, string EvseUid), EvseStatusRecord>(records.Count, EvseRowKeyComparer.Instance);
        foreach (var record in records)
        {
            var key = (record.LocationId, record.EvseUid);
            if (!latest.TryGetValue(key, out var existing) || record.Version > existing.Version)
            {
                latest[key] = record;
            }
        }

        var result = latest.Values.ToList();
        result.Sort(static (a, b) =>
        {
            var byLocation = string.CompareOrdinal(a.LocationId, b.LocationId);
            return byLocation != 0 ? byLocation : string.CompareOrdinal(a.EvseUid, b.EvseUid);
        });
        return result;
    }

    /// <summary>Per partner and EVSE the highest delivered version, sorted by key (see <see cref="LatestPerEvse"/>).</summary>
    public static List<(string PartnerId, DeliveredVersion Delivered)> HighestDelivered(IReadOnlyList<DeliveryBatchItem> items)
    {
        var highest = new Dictionary<(string PartnerId, string LocationId, string EvseUid), long>();
        foreach (var item in items)
        {
            foreach (var delivered in item.Delivered)
            {
                var key = (item.PartnerId, delivered.LocationId, delivered.EvseUid);
                if (!highest.TryGetValue(key, out var version) || delivered.Version > version)
                {
                    highest[key] = delivered.Version;
                }
            }
        }

        var result = highest.Select(kv => (PartnerId: kv.Key.PartnerId, Delivered: new DeliveredVersion(kv.Key.LocationId, kv.Key.EvseUid, kv.Value))).ToList();
        result.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.PartnerId, b.PartnerId);
            if (c == 0)
            {
                c = string.CompareOrdinal(a.Delivered.LocationId, b.Delivered.LocationId);
            }

            return c != 0 ? c : string.CompareOrdinal(a.Delivered.EvseUid, b.Delivered.EvseUid);
        });
        return result;
    }
}
