using StatusGrid.LoadDriver.Report;
using StatusGrid.LoadDriver.Scenarios;
using StatusGrid.LoadDriver.Target;
using StatusGrid.MockEmsp;

namespace StatusGrid.Load.Tests;

public sealed class PairedComparisonTests
{
    private static readonly ScenarioSettings Viewports = new() { Name = "viewports", HubClients = 600, ZoomedOutClients = 400 };

    private static RunResult Phase(bool clients, double partnerP99, double requestP99, double cpu, double? rssBefore = null, double? rssConnected = null) =>
        new(clients ? Viewports : Viewports with { HubClients = 0, ZoomedOutClients = 0 }, TargetKind.StatusGrid, "test", DateTimeOffset.UnixEpoch, TimeSpan.Zero, 0,
            new IngestSummary(10, 0, null, 1_000, 1_000, 0, 0, 0, TimeSpan.FromSeconds(1), new LatencySummary(10, 1, 1, requestP99, requestP99, 1)),
            new LatencySummary(100, 1, 1, partnerP99, partnerP99, 1), [], 0, 0, 0, null, TimeSpan.Zero, true,
            new ResourceUsage(cpu, cpu, 500, 500, 10, 90, 20), 400, [], [], null)
        {
            ClientCost = rssBefore is { } before && rssConnected is { } connected ? new ClientCost(1_000, before, connected) : null,
        };

    [Fact]
    public void Each_pair_compares_with_clients_over_without_and_the_bound_is_checked_on_the_median_pair()
    {
        var comparison = new PairedComparison(
        [
            new(Phase(true, 120, 30, 90, 500, 510), Phase(false, 100, 20, 70)),
            new(Phase(true, 90, 20, 85, 520, 540), Phase(false, 100, 20, 75)),
            new(Phase(true, 150, 40, 100, 530, 545), Phase(false, 100, 25, 70)),
        ]);

        Assert.Equal(1_000, comparison.Clients);
        Assert.Equal([1.2, 0.9, 1.5], comparison.PartnerP99Ratios);
        Assert.Equal(1.2, comparison.MedianPartnerP99Ratio);
        Assert.Equal(1.5, comparison.Pairs[0].RequestP99Ratio);
        // CPU with − without per 1,000 clients: 20, 10, 30 → median 20 % of a core.
        Assert.Equal(20, comparison.CpuPerThousandClients);
        // 10, 20, 15 MB for 1,000 clients → median 15 MB = 15.36 KB per client.
        Assert.Equal(15 * 1024 / 1_000.0, comparison.KbPerClient!.Value, precision: 6);
    }

    [Fact]
    public void An_even_number_of_pairs_takes_the_middle_two_and_no_pairs_give_no_figures()
    {
        Assert.Equal(1.1, PairedComparison.Median([1.3, 0.9, 1.0, 1.2])!.Value, precision: 9);
        var none = new PairedComparison([]);
        Assert.Null(none.MedianPartnerP99Ratio);
        Assert.Null(none.CpuPerThousandClients);
        Assert.Null(none.KbPerClient);
    }

    [Fact]
    public void Phases_alternate_their_order_so_a_drifting_machine_load_falls_on_both_sides()
    {
        Assert.Equal([true, false, true, false], Enumerable.Range(0, 4).Select(PairedComparison.WithClientsFirst));
    }

    [Fact]
    public void The_markdown_table_lists_each_phase_in_the_order_it_ran_and_the_ratio_of_each_pair()
    {
        var table = PairedReport.Table(new PairedComparison(
        [
            new(Phase(true, 120, 30, 90), Phase(false, 100, 20, 70)),
            new(Phase(true, 90, 20, 85), Phase(false, 100, 20, 75)),
        ]));

        var rows = table.Split(Environment.NewLine).Skip(2).ToList();
        Assert.Equal(6, rows.Count);
        Assert.StartsWith("| 1 | 600 city + 400 zoomed out |", rows[0], StringComparison.Ordinal);
        Assert.StartsWith("| 1 | none |", rows[1], StringComparison.Ordinal);
        Assert.Contains("p99 1.20×", rows[2], StringComparison.Ordinal);
        Assert.StartsWith("| 2 | none |", rows[3], StringComparison.Ordinal);
        Assert.StartsWith("| 2 | 600 city + 400 zoomed out |", rows[4], StringComparison.Ordinal);
        Assert.Contains("p99 0.90×", rows[5], StringComparison.Ordinal);
    }
}
