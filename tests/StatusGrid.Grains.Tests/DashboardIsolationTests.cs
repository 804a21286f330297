using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using StatusGrid.Contracts.Evses;
using StatusGrid.Grains.Fanout;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests;

/// <summary>Partners first: whatever the browsers' side does, partner pushes and ingest answers go on.</summary>
public sealed class DashboardIsolationTests(DashboardIsolationTests.NoReconcileCluster fixture) : IClassFixture<DashboardIsolationTests.NoReconcileCluster>
{
    /// <summary>
    /// The partners' periodic reconcile (from the delivery ledger) would deliver a change the fan-out never handed over,
    /// a little later: pushed out of reach here, a partner gets the change only through the fan-out, as under load.
    /// </summary>
    public sealed class NoReconcileCluster : IAsyncLifetime
    {
        public GrainTestCluster Cluster { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            // Both silos live in this one test process and share its thread pool, and the blocked sinks each hold a
            // pool thread on purpose. On a 2-core machine that is the pool's whole minimum, so everything else waited
            // for the pool to grow (about a thread per half second) and the test timed out under load. In production
            // every silo is its own process; give the shared pool the headroom two processes would have.
            ThreadPool.GetMinThreads(out var workers, out var completionPorts);
            ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount + 8), completionPorts);
            Cluster = await GrainTestCluster.StartAsync(2, new Dictionary<string, string?> { ["StatusGrid:Push:ReconcileInterval"] = "01:00:00" });
        }

        public async Task DisposeAsync() => await Cluster.DisposeAsync();
    }

    private GrainTestCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task A_blocked_dashboard_sink_delays_neither_the_ingest_answer_nor_the_partner_push_and_gets_the_latest_state_once_free()
    {
        // Dashboards are live feeds: a silo's fan-out reaches another silo's browsers once it has read that silo's
        // observer from the registry, a moment after start-up (FanoutTests). Under a loaded CI run the changes below
        // could otherwise all pass before then, and one sink would never be handed anything to hold.
        await Eventually.True(
            () => Cluster.Cluster.Silos.All(s => Cluster.Cluster.GetSiloServiceProvider(s.SiloAddress).GetRequiredService<StatusFanout>().ObserverCount == 2),
            "every silo's fan-out to know both observers");
        var kit = new PartnerTestKit(Cluster);
        await kit.AddPartnerAsync("isolated.test", "ISO-1");
        await kit.PutLocationAsync("ISO-1", evses: 1);
        await Eventually.True(() => kit.RequestsTo("isolated.test").Any(r => r.Method == HttpMethod.Put), "the location PUT");
        var sinks = Cluster.Sinks.Values.ToList();
        sinks.ForEach(s => s.Block());
        try
        {
            // The first change reaches a sink, which then holds the thread that called it.
            await kit.ReportAsync("ISO-1", 1, EvseStatus.Charging, PartnerTestKit.T0);
            await Eventually.True(() => sinks.Any(s => s.Waiting == 1), "a sink to be holding a delivery");

            // Later changes are answered and pushed while the sinks still hold: none of it waits for them.
            var answer = await kit.ReportAsync("ISO-1", 1, EvseStatus.Available, PartnerTestKit.T0.AddSeconds(1));
            Assert.Equal(StatusReportOutcome.Applied, answer);
            await kit.ReportAsync("ISO-1", 1, EvseStatus.Blocked, PartnerTestKit.T0.AddSeconds(2));
            await Eventually.True(
                () => kit.StatesSeenBy("isolated.test").GetValueOrDefault("ISO-1-E1")?.LastOrDefault().Status == "BLOCKED",
                "the partner to get the newest state while the dashboards are blocked");
            try
            {
                await Eventually.True(() => sinks.All(s => s.Waiting == 1), "every silo's sink to be holding the first change", TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException(ex.Message + ": " + string.Join(", ", sinks.Select(s => $"{s.Silo} waiting {s.Waiting}, received {s.Received.Count}")), ex);
            }
            Assert.All(sinks, s => Assert.DoesNotContain(s.Received, c => c.LocationId == "ISO-1" && c.LastUpdated >= PartnerTestKit.T0));
        }
        finally
        {
            sinks.ForEach(s => s.Unblock());
        }

        // Once free, each sink catches up to the newest state (intermediate ones may have been coalesced away).
        foreach (var sink in sinks)
        {
            try
            {
                await Eventually.True(
                    () => sink.Received.LastOrDefault(c => c.EvseUid == "ISO-1-E1")?.Status == EvseStatus.Blocked,
                    $"silo {sink.Silo}'s sink to get the newest state");
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException(ex.Message + ": " + Describe(sink), ex);
            }
        }
    }

    private string Describe(Fakes.RecordingDashboardSink sink)
    {
        string silos;
        try
        {
            // Each silo's own view: a silo declared dead (it stops itself) and the survivor disagree.
            silos = string.Join(" | ", Cluster.Cluster.Silos.Select(s => s.Name + " sees " + string.Join(", ",
                s.ServiceProvider.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members.Values.Select(m => $"{m.Name} {m.Status}"))));
        }
        catch (Exception ex)
        {
            silos = "unknown (" + ex.GetType().Name + ")";
        }

        var received = string.Join(" ", sink.Received.Where(c => c.EvseUid == "ISO-1-E1").Select(c => $"{c.Status}@v{c.Version}"));
        return $"received [{received}], waiting {sink.Waiting}, resyncs {sink.Resyncs}; membership: {silos}";
    }
}
