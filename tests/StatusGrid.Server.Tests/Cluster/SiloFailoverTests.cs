using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using StatusGrid.TestSupport;
using StatusGrid.TestSupport.Emsp;
using Xunit.Abstractions;

namespace StatusGrid.Server.Tests.Cluster;

/// <summary>
/// Two silos on PostgreSQL: this process hosts the survivor, a child process the victim, which is killed with SIGKILL
/// while status changes stream in through both. The survivor must notice, re-activate the victim's grains from
/// PostgreSQL, keep every acknowledged change, and bring the partner to the latest status of every EVSE.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class SiloFailoverTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Locations = 20;
    private const int EvsesPerLocation = 5;
    private const int Workers = 8;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Killed_silo_loses_no_acknowledged_change_and_its_grains_reactivate_on_the_survivor()
    {
        var database = await postgres.CreateDatabaseAsync("failover");
        await using var emsp = await MockEmsp.StartAsync();
        await using var survivor = await StatusGridHost.StartAsync(ClusterConfig.For(database, "failover", "survivor"));
        await using var victim = await ServerProcess.StartAsync(ClusterConfig.For(database, "failover", "victim"));
        var management = survivor.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var survivorAddress = survivor.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        await Until.TrueAsync(async () => (await management.GetHosts(onlyActive: true)).Count == 2, "two active silos", Bound, () => victim.RecentOutput);

        // Partner and locations enter through the victim, so grains are activated there as well.
        var ids = Enumerable.Range(1, Locations).Select(n => $"FO-{n:00}").ToList();
        using (var admin = victim.Client(StatusGridHost.AdminKey))
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", HttpExtensions.PartnerJson(emsp.LocationsUrl()))).StatusCode);
            var import = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/locations/import", $"[{string.Join(",", ids.Select(id => TestLocations.Json(id, EvsesPerLocation)))}]");
            Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        }

        await Until.TrueAsync(() => emsp.Received.Count(r => r.Method == "PUT") >= Locations, "a PUT of every location", Bound);
        var histories = ids.SelectMany(id => Enumerable.Range(1, EvsesPerLocation).Select(n => new EvseHistory(id, $"{id}-E{n}"))).ToList();

        // Changes stream in one at a time per EVSE: half of the EVSEs through each silo.
        using var throughVictim = victim.Client(StatusGridHost.IngestKey);
        using var throughSurvivor = survivor.Client(StatusGridHost.IngestKey);
        using var stopVictimSide = new CancellationTokenSource();
        using var stopSurvivorSide = new CancellationTokenSource();
        var groups = histories.Select((h, i) => (h, i)).GroupBy(x => x.i % Workers, x => x.h).Select(g => g.ToList()).ToList();
        var victimSide = groups.Take(Workers / 2).SelectMany(g => g).ToList();
        var survivorSide = groups.Skip(Workers / 2).SelectMany(g => g).ToList();
        var workers = groups.Select((group, i) => i < Workers / 2
            ? Task.Run(() => IngestLoop.RunAsync(throughVictim, group, stopVictimSide.Token))
            : Task.Run(() => IngestLoop.RunAsync(throughSurvivor, group, stopSurvivorSide.Token))).ToList();

        await Until.TrueAsync(() => histories.All(h => h.AcknowledgedCount >= 2), "changes acknowledged through both silos", Bound);
        var before = await EvseActivationsAsync(management);
        Assert.Contains(before, silo => !silo.Equals(survivorAddress));

        var killedAt = DateTime.UtcNow;
        await victim.KillAsync();
        await stopVictimSide.CancelAsync();

        // The survivor declares the victim dead through the membership table, then ingest through it recovers for
        // every EVSE it serves, including those whose grains lived on the victim.
        await Until.TrueAsync(async () => (await management.GetHosts(onlyActive: true)).Count == 1, "the victim to be declared dead", Bound);
        output.WriteLine($"Victim declared dead {(DateTime.UtcNow - killedAt).TotalSeconds:0.0} s after SIGKILL; "
            + $"{before.Count(s => !s.Equals(survivorAddress))} of {before.Count} EVSE grains were on it.");
        var countsAtDeath = survivorSide.ToDictionary(h => h, h => h.AcknowledgedCount);
        await Until.TrueAsync(() => survivorSide.All(h => h.AcknowledgedCount > countsAtDeath[h]), "a change acknowledged after the death for every survivor-side EVSE", Bound);
        await stopSurvivorSide.CancelAsync();
        await Task.WhenAll(workers).WaitAsync(Bound);
        Assert.Equal(new Dictionary<string, int> { ["survivor"] = MembershipTable.Active, ["victim"] = MembershipTable.Dead },
            await MembershipTable.ReadAsync(database, "failover"));

        // No acknowledged change is lost: each EVSE holds its last acknowledged change, or a later one whose answer
        // the kill swallowed.
        using var admin2 = survivor.Client();
        var stored = await ReadStatusesAsync(admin2, ids);
        Assert.All(histories, h => Assert.True(h.Allows(stored[h.Key]),
            $"{h.Key} holds {stored[h.Key]}; acknowledged {h.Acknowledged}, unknown [{string.Join(", ", h.Unknown)}]"));
        output.WriteLine($"{histories.Sum(h => h.AcknowledgedCount)} changes acknowledged, {histories.Sum(h => h.Unknown.Count)} unanswered; "
            + $"{histories.Count(h => stored[h.Key] != h.Acknowledged)} EVSEs hold a change whose answer was lost.");

        // Without any further change, the partner catches up with all of it (the delivery ledger and the reconcile
        // that the victim's death triggers).
        await WaitForPartnerAsync(emsp, stored);

        // Re-activated grains hold exactly what PostgreSQL holds: the stored status again is a duplicate for all.
        var duplicates = await IngestAsync(throughSurvivor, histories.Select(h => (h, stored[h.Key] with { LastUpdated = stored[h.Key].LastUpdated.AddSeconds(1) })));
        Assert.Equal(histories.Count, duplicates.GetProperty("duplicates").GetInt32());
        var after = await EvseActivationsAsync(management);
        Assert.Equal(histories.Count, after.Count);
        Assert.All(after, silo => Assert.Equal(survivorAddress, silo));

        // And the cluster carries on: a new change for every EVSE reaches the partner and a browser on the survivor.
        await using var browser = await DashboardClient.ConnectAsync(survivor.BaseAddress);
        var final = histories.ToDictionary(h => h.Key, h => new EvseState("OUTOFORDER", stored[h.Key].LastUpdated.AddSeconds(2)), StringComparer.OrdinalIgnoreCase);
        var applied = await IngestAsync(throughSurvivor, histories.Select(h => (h, final[h.Key])));
        Assert.Equal(histories.Count, applied.GetProperty("applied").GetInt32());
        await WaitForPartnerAsync(emsp, final);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (seen.Count < histories.Count)
        {
            var item = await browser.WaitForAsync(i => i.GetProperty("status").GetString() == "OUTOFORDER", Bound);
            seen.Add($"{item.GetProperty("location_id").GetString()}/{item.GetProperty("evse_uid").GetString()}");
        }
    }

    private static async Task<List<SiloAddress>> EvseActivationsAsync(IManagementGrain management)
    {
        var statistics = await management.GetDetailedGrainStatistics();
        return statistics.Where(s => s.GrainId.Key.ToString()!.StartsWith("FO-", StringComparison.Ordinal)).Select(s => s.SiloAddress).ToList();
    }

    private static async Task<Dictionary<string, EvseState>> ReadStatusesAsync(HttpClient admin, IEnumerable<string> locationIds)
    {
        var statuses = new Dictionary<string, EvseState>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in locationIds)
        {
            var location = await (await admin.GetAsync($"/api/admin/locations/{id}")).JsonAsync();
            foreach (var evse in location.GetProperty("evses").EnumerateArray())
            {
                statuses[$"{id}/{evse.GetProperty("uid").GetString()}"] = EvseState.From(evse);
            }
        }

        return statuses;
    }

    private static async Task<JsonElement> IngestAsync(HttpClient client, IEnumerable<(EvseHistory Evse, EvseState Change)> changes)
    {
        var json = JsonSerializer.Serialize(changes.Select(c => new Dictionary<string, string>
        {
            ["location_id"] = c.Evse.LocationId,
            ["evse_uid"] = c.Evse.EvseUid,
            ["status"] = c.Change.Status,
            ["observed_at"] = c.Change.LastUpdated.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
        }));
        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/status", json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static Task WaitForPartnerAsync(MockEmsp emsp, IReadOnlyDictionary<string, EvseState> expected) =>
        Until.TrueAsync(
            () =>
            {
                var mirror = PartnerMirror.Build(emsp.Received);
                return expected.All(e => mirror.TryGetValue(e.Key, out var pushed) && pushed == e.Value);
            },
            "the partner to hold the latest status of every EVSE",
            Bound,
            () =>
            {
                var mirror = PartnerMirror.Build(emsp.Received);
                var wrong = expected.Where(e => !mirror.TryGetValue(e.Key, out var pushed) || pushed != e.Value).Take(5);
                return "Differences: " + string.Join("; ", wrong.Select(e => $"{e.Key} expected {e.Value}, partner has {mirror.GetValueOrDefault(e.Key)}"));
            });
}
