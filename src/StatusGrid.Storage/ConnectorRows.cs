namespace StatusGrid.Storage;

/// <summary>What the connector stores share: one row per connector in a batch, the latest observation winning.</summary>
internal static class ConnectorRows
{
    /// <summary>
    /// The batch with one row per connector (the latest observed), in key order: a multi-row upsert may not touch a
    /// row twice, and writers that lock rows in one order cannot deadlock.
    /// </summary>
    public static List<ConnectorStatusRow> LatestPerConnector(IReadOnlyList<ConnectorStatusRow> batch)
    {
        var latest = new Dictionary<(string, int, int), ConnectorStatusRow>(batch.Count);
        foreach (var row in batch)
        {
            var key = (row.Identity, row.EvseId, row.ConnectorId);
            if (!latest.TryGetValue(key, out var held) || row.ObservedAt >= held.ObservedAt)
            {
                latest[key] = row;
            }
        }

        return [.. latest.Values.OrderBy(r => r.Identity, StringComparer.Ordinal).ThenBy(r => r.EvseId).ThenBy(r => r.ConnectorId)];
    }
}
