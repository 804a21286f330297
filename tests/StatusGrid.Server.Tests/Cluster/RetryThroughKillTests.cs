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
/// the client's last confirmed change for every EVSE.
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
        for (var round = 0; round < 400 && !deadConfirmed; round++)
        {
            if (round == 3)
            {
                await victim.KillAsync();
                killed = true;
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

    private static string Json(IEnumerable<(EvseHistory Evse, EvseState Change)> batch) => JsonSerializer.Serialize(batch.Select(c => new Dictionary<string, string>
    {
        ["location_id"] = c.Evse.LocationId,
        ["evse_uid"] = c.Evse.EvseUid,
        ["status"] = c.Change.Status,
        ["observed_at"] = c.Change.LastUpdated.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
    }));
}
