using System.Text.Json;
using StatusGrid.Contracts.Evses;
using StatusGrid.Ocpi;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Contracts.Partners;

namespace StatusGrid.Grains.Tests;

/// <summary>A silo killed in the middle of a burst loses no acknowledged change and never makes a partner go backwards.</summary>
public sealed class CrashSafetyTests
{
    private const int Evses = 24;
    private const int Rounds = 30;

    [Fact]
    public async Task Killing_a_silo_mid_burst_leaves_every_partner_with_the_latest_state_in_order()
    {
        await using var cluster = await GrainTestCluster.StartAsync(silos: 3, killsSilos: true);
        var kit = new PartnerTestKit(cluster);
        cluster.Partners.Respond = async _ =>
        {
            await Task.Delay(5); // a real partner takes a little time, so work is in flight when the silo dies
            return StubPartnerHandler.Ok();
        };
        await kit.PutLocationAsync("CRASH-1", Evses);
        await kit.AddPartnerAsync("p1.test", "CRASH-1");
        await kit.AddPartnerAsync("p2.test", "CRASH-1");
        await Eventually.True(() => kit.RequestsTo("p1.test").Count > 0 && kit.RequestsTo("p2.test").Count > 0, "initial PUTs");

        var acknowledged = new Dictionary<int, (EvseStatus Status, DateTimeOffset At)>();
        var statuses = new[] { EvseStatus.Charging, EvseStatus.Available, EvseStatus.Reserved };
        for (var round = 1; round <= Rounds; round++)
        {
            if (round == Rounds / 2)
            {
                await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos[1]);
            }

            var at = PartnerTestKit.T0.AddSeconds(round);
            var status = statuses[round % statuses.Length];
            var results = await Task.WhenAll(Enumerable.Range(1, Evses).Select(async evse =>
            {
                try
                {
                    return (evse, await kit.ReportAsync("CRASH-1", evse, status, at));
                }
                catch (Exception)
                {
                    return (evse, (StatusReportOutcome?)null); // not acknowledged: the caller would retry
                }
            }));
            foreach (var (evse, outcome) in results)
            {
                if (outcome == StatusReportOutcome.Applied)
                {
                    acknowledged[evse] = (status, at);
                }
            }
        }

        // No acknowledged change lost: what is stored is the acknowledged state or newer.
        var expected = new Dictionary<string, (string Status, string LastUpdated)>();
        for (var evse = 1; evse <= Evses; evse++)
        {
            var stored = (await cluster.Storage.ReadAsync("CRASH-1", $"CRASH-1-E{evse}"))!;
            Assert.True(stored.LastUpdated >= acknowledged[evse].At, $"EVSE {evse} lost an acknowledged change");
            expected[$"CRASH-1-E{evse}"] = (JsonSerializer.Serialize(stored.Status, OcpiJson.Options).Trim('"'), OcpiDateTime.Format(stored.LastUpdated));
        }

        foreach (var host in new[] { "p1.test", "p2.test" })
        {
            try
            {
                await Eventually.True(() =>
                {
                    var seen = kit.StatesSeenBy(host);
                    return expected.All(e => seen.TryGetValue(e.Key, out var s) && s[^1] == e.Value);
                }, $"{host} to end with every EVSE's latest state", TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                var seen = kit.StatesSeenBy(host);
                var missing = expected.Where(e => !(seen.TryGetValue(e.Key, out var s) && s[^1] == e.Value))
                    .Select(e => $"{e.Key}: want {e.Value} saw [{string.Join(" ", seen.GetValueOrDefault(e.Key)?.TakeLast(4) ?? [])}]");
                var health = await cluster.Client.GetGrain<IPartnerGrain>(host.ToUpperInvariant()).GetHealth();
                var undelivered = await cluster.Storage.ReadUndeliveredAsync(host.ToUpperInvariant(), 100);
                Assert.Fail($"{string.Join("; ", missing)} | health q={health.QueueDepth} inflight={health.InFlight} puts={health.PendingLocationPuts} circuit={health.CircuitState} err={health.LastError} | undelivered={string.Join(",", undelivered.Select(u => u.EvseUid + "v" + u.Version))}");
            }

            foreach (var (uid, states) in kit.StatesSeenBy(host))
            {
                var times = states.Select(s => s.LastUpdated).ToList();
                Assert.True(times.SequenceEqual(times.Order(StringComparer.Ordinal)), $"{host} saw {uid} go backwards: {string.Join(", ", times)}");
            }
        }
    }
}
