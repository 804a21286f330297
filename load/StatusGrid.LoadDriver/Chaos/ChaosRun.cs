using System.Diagnostics;
using StatusGrid.LoadDriver.Api;
using StatusGrid.LoadDriver.Scenarios;
using StatusGrid.LoadDriver.Workload;
using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Chaos;

/// <summary>
/// A launched cluster with its estate, the three partners and the chaos client: what <c>chaos</c> and <c>soak</c>
/// share. Set up once; then traffic runs, silos die, and the checks compare the store and the partners with what the
/// client was told.
/// </summary>
internal sealed class ChaosRun : IAsyncDisposable
{
    private readonly ApiKeys _keys;

    private ChaosRun(ChaosCluster cluster, EmspFleet fleet, EvseCatalog catalog, ApiKeys keys, IReadOnlyList<string> deliveryModes)
    {
        Cluster = cluster;
        Fleet = fleet;
        Catalog = catalog;
        _keys = keys;
        Ledger = new EvseLedger(catalog.Count);
        Watch = new PartnerWatch(fleet, catalog);
        if (OrderedHistory.OrderedOf(deliveryModes, fleet.Partners.Count) is { Count: > 0 } ordered)
        {
            Ordered = new OrderedHistory(catalog.Count, fleet.Partners.Count, ordered);
            Ledger.Confirmed = Ordered.Acknowledged;
            Watch.History = Ordered;
        }

        Traffic = new ChaosTraffic(LiveUrls, catalog, Ledger, keys.Ingest, Clock, TimeSpan.FromSeconds(30));
    }

    public ChaosCluster Cluster { get; }

    public EmspFleet Fleet { get; }

    public EvseCatalog Catalog { get; }

    public EvseLedger Ledger { get; }

    public PartnerWatch Watch { get; }

    /// <summary>Every acknowledged state against what each ordered partner accepted; null without ordered partners.</summary>
    public OrderedHistory? Ordered { get; }

    public ChaosTraffic Traffic { get; }

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <param name="deliveryModes">Each partner's delivery_mode (the last for the rest).</param>
    public static async Task<ChaosRun> StartAsync(ChaosCluster cluster, FleetOptions fleetOptions, EvseCatalog catalog, IReadOnlyList<string> deliveryModes, TextWriter log)
    {
        var keys = ChaosCluster.Keys;
        // Copies: the partners answer GETs of what they took, as OCPI receivers do, so a push whose answer died with a
        // silo is not sent again (OrderedHistory counts each one sent twice).
        var fleet = await EmspFleet.StartAsync(fleetOptions with { KeepCopies = true });
        var run = new ChaosRun(cluster, fleet, catalog, keys, deliveryModes);
        try
        {
            var settings = new ScenarioSettings
            {
                Name = "chaos", Locations = catalog.Locations, EvsesPerLocation = catalog.EvsesPerLocation, Partners = fleetOptions.Partners,
                DeliveryModes = deliveryModes,
            };
            using var admin = run.Admin();
            await Setup.ImportAsync(admin, catalog, settings, log, CancellationToken.None);
            await Setup.RegisterPartnersAsync(admin, fleet, settings, CancellationToken.None);
            if (!await Setup.WaitForIdleAsync(admin, [.. fleet.Partners.Select(p => p.Id)], settings.SetupTimeout))
            {
                throw new TimeoutException("The partners did not finish the initial Location PUTs.");
            }

            foreach (var (evse, status, ms) in await run.ReadStoreAsync())
            {
                run.Ledger.Initial(evse, status, ms);
            }

            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    /// <summary>Silos whose process runs (a load balancer's health check would see the same).</summary>
    public IReadOnlyList<Uri> LiveUrls()
    {
        var live = Enumerable.Range(0, Cluster.Count).Where(Cluster.IsUp).Select(i => Cluster.Urls[i]).ToList();
        return live.Count == 0 ? Cluster.Urls : live;
    }

    public StatusGridClient Admin() => new(LiveUrls(), _keys);

    /// <summary>Every EVSE's stored status and last_updated, from the dashboard snapshot of a live silo.</summary>
    public async Task<List<(int Evse, string Status, long Ms)>> ReadStoreAsync()
    {
        using var client = Admin();
        var result = new List<(int, string, long)>(Catalog.Count);
        const int Page = 500;
        for (var offset = 0; offset < Catalog.Locations; offset += Page)
        {
            using var page = await client.GetSnapshotPageAsync(offset, Page, CancellationToken.None)
                ?? throw new InvalidOperationException("No dashboard snapshot.");
            foreach (var location in page.RootElement.GetProperty("items").EnumerateArray())
            {
                foreach (var evse in location.GetProperty("evses").EnumerateArray())
                {
                    if (Catalog.TryIndexOf(evse.GetProperty("evse_uid").GetString(), out var index))
                    {
                        result.Add((index, evse.GetProperty("status").GetString()!, PatchBody.ParseUnixMs(evse.GetProperty("last_updated").GetString()) ?? 0));
                    }
                }
            }
        }

        return result;
    }

    /// <summary>EVSEs whose stored state is not exactly the client's last confirmed change.</summary>
    public async Task<int> LostAsync()
    {
        var stored = await ReadStoreAsync();
        var lost = stored.Count(s => Ledger.Acked(s.Evse) != (s.Status, s.Ms));
        return lost + (Catalog.Count - stored.Count);
    }

    /// <summary>Waits until every partner holds the confirmed last_updated of every changed EVSE; the time it took, or null.</summary>
    public async Task<double?> ConvergeAsync(TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < bound)
        {
            if (Watch.Behind(Expected) == 0)
            {
                return clock.Elapsed.TotalSeconds;
            }

            await Task.Delay(100);
        }

        return null;
    }

    public string DescribeBehind() => Watch.Describe(Expected);

    private long? Expected(int evse)
    {
        var (_, ms) = Ledger.Acked(evse);
        return Ledger.InitialMs is { } initial && initial[evse] == ms ? null : ms;
    }

    public async ValueTask DisposeAsync()
    {
        Traffic.Dispose();
        await Fleet.DisposeAsync();
    }
}
