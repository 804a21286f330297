using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StatusGrid.Server.Tests.Cluster;
using StatusGrid.TestSupport;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.Admin.Partners;

/// <summary>
/// The embedded default (one silo, SQLite) killed with SIGKILL while a partner owes deliveries: after the restart the
/// partner gets the latest state of every EVSE without any request waking its grain.
/// </summary>
public sealed class PartnerRestartTests
{
    private const int Evses = 4;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task After_a_sigkill_and_restart_a_push_partner_resumes_undelivered_work_without_any_request()
    {
        using var database = new RestartableDatabase();
        var settings = database.Settings();
        await using var emsp = await MockEmsp.StartAsync();
        var down = true;
        emsp.Respond = _ => Task.FromResult<IResult?>(Volatile.Read(ref down) ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : null);
        var expected = new Dictionary<string, string>();
        await using (var first = await ServerProcess.StartAsync(settings))
        {
            using var admin = first.Client(StatusGridHost.AdminKey);
            Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", HttpExtensions.PartnerJson(emsp.LocationsUrl()))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/RS-1", TestLocations.Json("RS-1", Evses))).StatusCode);
            using var ingest = first.Client(StatusGridHost.IngestKey);
            for (var n = 1; n <= Evses; n++)
            {
                var status = n % 2 == 0 ? "CHARGING" : "OUTOFORDER";
                var answer = await (await ingest.SendJsonAsync(HttpMethod.Post, "/api/status",
                    $$"""[{"location_id":"RS-1","evse_uid":"RS-1-E{{n}}","status":"{{status}}","observed_at":"2026-02-01T10:00:0{{n}}Z"}]""")).JsonAsync();
                Assert.Equal(1, answer.GetProperty("applied").GetInt32());
                expected[$"RS-1-E{n}"] = status;
            }

            // The location's PUT fails (its EVSEs' PATCHes wait behind it) until the process dies.
            await Until.TrueAsync(() => Task.FromResult(emsp.Received.Count >= 2), "failed pushes", Bound);
            await first.KillAsync();
        }

        Volatile.Write(ref down, false);
        var before = emsp.Received.Count;
        await using var second = await ServerProcess.StartAsync(settings);

        // No request to the server: only the start-up itself may wake the partner.
        await Until.TrueAsync(() => Task.FromResult(Latest(emsp.Received.Skip(before)).Count(kv => expected.GetValueOrDefault(kv.Key) == kv.Value) == Evses),
            "the partner to get the latest state of every EVSE", Bound, () => second.RecentOutput);
    }

    /// <summary>The last status per EVSE uid the partner was sent, from PATCHes and PUTs.</summary>
    private static Dictionary<string, string> Latest(IEnumerable<ReceivedPush> pushes)
    {
        var latest = new Dictionary<string, string>();
        foreach (var push in pushes)
        {
            using var body = JsonDocument.Parse(push.Body);
            if (push.Method == "PATCH")
            {
                latest[push.Path.Split('/')[^1]] = body.RootElement.GetProperty("status").GetString()!;
            }
            else if (push.Method == "PUT")
            {
                foreach (var evse in body.RootElement.GetProperty("evses").EnumerateArray())
                {
                    latest[evse.GetProperty("uid").GetString()!] = evse.GetProperty("status").GetString()!;
                }
            }
        }

        return latest;
    }
}
