using System.Net;
using Microsoft.AspNetCore.Http;
using StatusGrid.Server.Tests.Cluster;
using StatusGrid.TestSupport;
using StatusGrid.TestSupport.Emsp;

namespace StatusGrid.Server.Tests.Admin.Partners;

/// <summary>
/// An admin edit of a Location document that changes no EVSE status (here its name) is answered before any partner got
/// it: its PUT must survive a SIGKILL of the embedded default (one silo, SQLite) like an EVSE status does, because the
/// stored document is newer than what the partner was last sent.
/// </summary>
public sealed class LocationEditRestartTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private enum Answer
    {
        Accept,
        Unavailable,
        RefusePuts,
    }

    [Fact]
    public async Task A_renamed_location_whose_put_failed_reaches_the_partner_after_a_sigkill_and_restart()
    {
        await RunAsync(refuseFirst: false);
    }

    [Fact]
    public async Task A_location_fixed_after_the_partner_refused_it_reaches_the_partner_after_a_sigkill_and_so_do_its_later_statuses()
    {
        await RunAsync(refuseFirst: true);
    }

    private static async Task RunAsync(bool refuseFirst)
    {
        using var database = new RestartableDatabase();
        var settings = database.Settings();
        await using var emsp = await MockEmsp.StartAsync();
        var answer = (int)(refuseFirst ? Answer.RefusePuts : Answer.Accept);
        emsp.Respond = push => Task.FromResult<IResult?>((Answer)Volatile.Read(ref answer) switch
        {
            Answer.Unavailable => Results.StatusCode(StatusCodes.Status503ServiceUnavailable),
            Answer.RefusePuts when push.Method == "PUT" => Results.Json(
                new { status_code = 2001, status_message = "Invalid or missing parameters", timestamp = "2026-01-01T00:00:00Z" }, statusCode: 400),
            _ => null,
        });

        await using (var first = await ServerProcess.StartAsync(settings))
        {
            using var admin = first.Client(StatusGridHost.AdminKey);
            Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", HttpExtensions.PartnerJson(emsp.LocationsUrl()))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/RS-1", TestLocations.Json("RS-1"))).StatusCode);
            // Delivered, or (refuseFirst) refused and so marked: the partner's refusal is stored with it.
            await emsp.WaitForAsync(p => p.Method == "PUT" && p.Path.EndsWith("/RS-1", StringComparison.Ordinal), "the first PUT of RS-1", Bound);
            await Task.Delay(TimeSpan.FromMilliseconds(500)); // its outcome recorded (the refusal saved)

            Volatile.Write(ref answer, (int)Answer.Unavailable);
            var before = emsp.Received.Count;
            Assert.Equal(HttpStatusCode.OK, (await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/RS-1", Renamed())).StatusCode);
            await Until.TrueAsync(() => Task.FromResult(emsp.Received.Skip(before).Any(IsRenamedPut)), "a failed PUT of the renamed location", Bound);
            await first.KillAsync();
        }

        Volatile.Write(ref answer, (int)Answer.Accept);
        var restarted = emsp.Received.Count;
        await using var second = await ServerProcess.StartAsync(settings);
        // No request to the server: only the start-up may wake the partner, and it must owe the renamed document.
        await Until.TrueAsync(() => Task.FromResult(emsp.Received.Skip(restarted).Any(IsRenamedPut)),
            "the renamed location's PUT after the restart", Bound, () => second.RecentOutput);

        // The partner holds the location now: a later status of it goes as a PATCH, not refused as an unknown object.
        using var ingest = second.Client(StatusGridHost.IngestKey);
        var applied = await (await ingest.SendJsonAsync(HttpMethod.Post, "/api/status",
            """[{"location_id":"RS-1","evse_uid":"RS-1-E1","status":"CHARGING","observed_at":"2026-02-01T10:00:00Z"}]""")).JsonAsync();
        Assert.Equal(1, applied.GetProperty("applied").GetInt32());
        await emsp.WaitForAsync(p => p.Method == "PATCH" && p.Path.EndsWith("/RS-1/RS-1-E1", StringComparison.Ordinal) && p.Body.Contains("CHARGING", StringComparison.Ordinal),
            "the later status of RS-1-E1", Bound);
    }

    private static string Renamed() => TestLocations.Json("RS-1").Replace("\"name\":\"Test RS-1\"", "\"name\":\"Renamed RS-1\"", StringComparison.Ordinal);

    private static bool IsRenamedPut(ReceivedPush push) =>
        push.Method == "PUT" && push.Path.EndsWith("/RS-1", StringComparison.Ordinal) && push.Body.Contains("Renamed RS-1", StringComparison.Ordinal);
}
