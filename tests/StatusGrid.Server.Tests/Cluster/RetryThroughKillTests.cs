using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using StatusGrid.TestSupport;

namespace StatusGrid.Server.Tests.Cluster;

/// <summary>
/// A client that follows the README's retry rule (resend not-applied items with the same status and observed_at,
/// send an EVSE's next change only once the last one is confirmed) keeps sending batches through a silo kill. Every
/// answer is a 200 or a 503 that names what was not applied, never a 500, and afterwards the store holds exactly
/// the client's last confirmed change for every EVSE. Admin reads of Locations whose grains died with the silo are
/// 200s or 503s with Retry-After meanwhile, never 500s.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class RetryThroughKillTests(PostgresFixture postgres)
{
    private const int Locations = 10;
    private const int EvsesPerLocation = 5;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_client_that_retries_503s_through_a_silo_kill_ends_with_exactly_its_confirmed_state()
    {
        var database = await postgres.CreateDatabaseAsync("retry");
        await using var survivor = await StatusGridHost.StartAsync(ClusterConfig.For(database, "retry", "survivor"));
        await using var victim = await ServerProcess.StartAsync(ClusterConfig.For(database, "retry", "victim"));
        var management = survivor.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        await Until.TrueAsync(async () => (await management.GetHosts(onlyActive: true)).Count == 2, "two active silos", Bound, () => victim.RecentOutput);

        var ids = Enumerable.Range(1, Locations).Select(n => $"RK-{n:00}").ToList();
        using (var admin = victim.Client(StatusGridHost.AdminKey))
        {
            var import = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/locations/import", $"[{string.Join(",", ids.Select(id => TestLocations.Json(id, EvsesPerLocation)))}]");
            Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        }

        var evses = ids.SelectMany(id => Enumerable.Range(1, EvsesPerLocation).Select(n => new EvseHistory(id, $"{id}-E{n}"))).ToList();
        var pending = new Dictionary<EvseHistory, EvseState>();
        var answers = new List<HttpStatusCode>();
        using var client = survivor.Client(StatusGridHost.IngestKey);
        client.Timeout = TimeSpan.FromSeconds(30);

        // Rounds of one batch with every EVSE: a few before the kill, then until a round after the victim was declared
        // dead has been confirmed in full.
        var killed = false;
        var deadConfirmed = false;
        Task<List<(string Id, HttpStatusCode Status, bool RetryAfter)>>? reads = null;
        using var stop = new CancellationTokenSource();
        for (var round = 0; round < 400 && !deadConfirmed; round++)
        {
            if (round == 3)
            {
                // Every Location grain active before the kill (random placement: about half on the victim), then read
                // through the survivor's admin API all along: a read whose grain died with the victim is a 503, not a 500.
                Assert.All(await ReadLocationsAsync(survivor, ids, CancellationToken.None), r => Assert.Equal(HttpStatusCode.OK, r.Status));
                await victim.KillAsync();
                killed = true;
                reads = ReadUntilStoppedAsync(survivor, ids, stop.Token);
            }

            var declaredDead = killed && (await management.GetHosts(onlyActive: true)).Count == 1;
            var batch = evses.Select(e => (Evse: e, Change: pending.TryGetValue(e, out var p) ? p : pending[e] = e.Next())).ToList();
            using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/status", Json(batch));
            answers.Add(response.StatusCode);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"Answer {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var answer = await response.JsonAsync();
            Assert.Equal(0, answer.GetProperty("rejected").GetInt32());
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.True(answer.GetProperty("not_applied").GetInt32() > 0);
            }

            var open = answer.GetProperty("not_applied_items").EnumerateArray().Select(i => i.GetProperty("index").GetInt32()).ToHashSet();
            for (var i = 0; i < batch.Count; i++)
            {
                if (!open.Contains(i))
                {
                    batch[i].Evse.Applied(batch[i].Change);
                    pending.Remove(batch[i].Evse);
                }
            }

            deadConfirmed = declaredDead && open.Count == 0;
            if (open.Count > 0)
            {
                await Task.Delay(200);
            }
        }

        Assert.True(deadConfirmed, $"No fully confirmed round after the victim was declared dead; answers: {string.Join(",", answers.Select(a => (int)a))}");
        Assert.Empty(pending);
        await stop.CancelAsync();
        var read = await reads!;
        Assert.All(read, r => Assert.True(r.Status is HttpStatusCode.OK || (r.Status is HttpStatusCode.ServiceUnavailable && r.RetryAfter),
            $"GET /api/admin/locations/{r.Id} answered {(int)r.Status} (retry-after: {r.RetryAfter}) while a silo died"));
        // The reads met the dead silo (else the check above says nothing): with a 500 for each before ClusterFaults.
        Assert.Contains(read, r => r.Status == HttpStatusCode.ServiceUnavailable);

        using var reader = survivor.Client();
        foreach (var id in ids)
        {
            var location = await (await reader.GetAsync($"/api/admin/locations/{id}")).JsonAsync();
            foreach (var evse in location.GetProperty("evses").EnumerateArray())
            {
                var history = evses.Single(h => h.Key == $"{id}/{evse.GetProperty("uid").GetString()}");
                Assert.Equal(history.Acknowledged, EvseState.From(evse));
            }
        }
    }

    private static async Task<List<(string Id, HttpStatusCode Status, bool RetryAfter)>> ReadUntilStoppedAsync(
        StatusGridHost host, IReadOnlyList<string> ids, CancellationToken stop)
    {
        var all = new List<(string, HttpStatusCode, bool)>();
        while (!stop.IsCancellationRequested)
        {
            all.AddRange(await ReadLocationsAsync(host, ids, stop));
            await Task.Delay(100, CancellationToken.None);
        }

        return all;
    }

    /// <summary>One admin GET per Location, in parallel; a read the stop cut short is not counted.</summary>
    private static async Task<List<(string Id, HttpStatusCode Status, bool RetryAfter)>> ReadLocationsAsync(
        StatusGridHost host, IReadOnlyList<string> ids, CancellationToken stop)
    {
        using var admin = host.Client();
        admin.Timeout = TimeSpan.FromSeconds(60);
        var answers = await Task.WhenAll(ids.Select(async id =>
        {
            try
            {
                using var response = await admin.GetAsync($"/api/admin/locations/{id}", stop);
                return ((string, HttpStatusCode, bool)?)(id, response.StatusCode, response.Headers.RetryAfter is not null);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return null;
            }
        }));
        return [.. answers.OfType<(string, HttpStatusCode, bool)>()];
    }

    private static string Json(IEnumerable<(EvseHistory Evse, EvseState Change)> batch) => JsonSerializer.Serialize(batch.Select(c => new Dictionary<string, string>
    {
        ["location_id"] = c.Evse.LocationId,
        ["evse_uid"] = c.Evse.EvseUid,
        ["status"] = c.Change.Status,
        ["observed_at"] = c.Change.LastUpdated.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
    }));
}
