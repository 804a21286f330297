using Microsoft.Extensions.DependencyInjection;
using StatusGrid.Storage.GroupCommit;

namespace StatusGrid.Storage.Tests.Stores;

/// <summary>The connector store (OCPP charge points' connector statuses), for every provider.</summary>
public abstract partial class StoreTestsBase
{
    private static readonly DateTimeOffset C0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    protected IConnectorStore Connectors => _services!.GetRequiredService<IConnectorStore>();

    [Fact]
    public async Task Connector_statuses_of_many_stations_share_transactions_and_read_back_per_station()
    {
        var rows = Enumerable.Range(0, 400)
            .Select(i => new ConnectorStatusRow($"CP{i / 4}", i % 4 / 2, 1 + i % 2, i % 3 == 0 ? "Charging" : "Available", C0.AddMilliseconds(i), i % 5 == 0 ? "NoError" : null))
            .ToList();

        await Task.WhenAll(rows.Select(r => Task.Run(() => Connectors.WriteAsync(r))));

        var statistics = (IGroupCommitStatistics)Connectors;
        Assert.Equal(rows.Count, statistics.CommittedItems);
        Assert.True(statistics.CommittedBatches < rows.Count, $"{statistics.CommittedBatches} transactions for {rows.Count} rows");
        var cp7 = await Connectors.ReadAsync("CP7");
        Assert.Equal(rows.Where(r => r.Identity == "CP7").OrderBy(r => r.EvseId).ThenBy(r => r.ConnectorId), cp7);
    }

    [Fact]
    public async Task A_connector_status_observed_earlier_never_replaces_a_later_one_even_in_the_same_batch()
    {
        var later = new ConnectorStatusRow("CP-S", 1, 1, "Occupied", C0.AddSeconds(10), null);
        var earlier = later with { State = "Available", ObservedAt = C0 };
        await Connectors.WriteAsync(later);
        await Connectors.WriteAsync(earlier);
        await Task.WhenAll(Connectors.WriteAsync(earlier with { ConnectorId = 2 }), Connectors.WriteAsync(later with { ConnectorId = 2 }));

        Assert.Equal([later, later with { ConnectorId = 2 }], await Connectors.ReadAsync("CP-S"));
    }

    [Fact]
    public async Task Deleting_a_stations_connectors_leaves_the_other_stations_alone()
    {
        await Connectors.WriteAsync(new ConnectorStatusRow("CP-GONE", 0, 1, "Faulted", C0, "GroundFailure"));
        var kept = new ConnectorStatusRow("CP-KEPT", 0, 1, "Available", C0, null);
        await Connectors.WriteAsync(kept);

        await Connectors.DeleteAsync("CP-GONE");

        Assert.Empty(await Connectors.ReadAsync("CP-GONE"));
        Assert.Equal([kept], await Connectors.ReadAsync("CP-KEPT"));
    }
}
