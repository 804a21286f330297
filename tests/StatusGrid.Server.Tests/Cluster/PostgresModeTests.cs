using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using StatusGrid.TestSupport;

namespace StatusGrid.Server.Tests.Cluster;

/// <summary>
/// Production mode on one silo: with Provider=PostgreSql and ADO.NET clustering, membership, grain state, reminders
/// and StatusGrid's own tables all live in PostgreSQL, and a restarted host finds everything again.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class PostgresModeTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Everything_lives_in_postgres_and_survives_a_restart()
    {
        var database = await postgres.CreateDatabaseAsync("pgmode");
        await using var host = await StatusGridHost.StartAsync(ClusterConfig.For(database, "pgmode", "only"));
        using (var admin = host.Client())
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners",
                HttpExtensions.PartnerJson("http://127.0.0.1:9/ocpi/emsp/2.2.1/locations", id: "PG-PARTNER"))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/PG-1", TestLocations.Json("PG-1"))).StatusCode);
            var ingest = await admin.SendJsonAsync(HttpMethod.Post, "/api/status",
                """[{"location_id":"PG-1","evse_uid":"PG-1-E2","status":"CHARGING","observed_at":"2026-02-01T10:00:00.125Z"}]""");
            Assert.Equal(1, (await ingest.JsonAsync()).GetProperty("applied").GetInt32());
        }

        // Reminders go to PostgreSQL too (StatusGrid registers none yet; the provider must still be the database's).
        var reminders = host.Services.GetRequiredService<IReminderTable>();
        var grain = GrainId.Create("test", "reminder-owner");
        await reminders.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "r", StartAt = DateTime.UtcNow, Period = TimeSpan.FromMinutes(5) });

        Assert.Equal(1L, await CountAsync(database, "SELECT count(*) FROM orleans_membership WHERE deployment_id = 'pgmode' AND status = 3"));
        Assert.True(await CountAsync(database, "SELECT count(*) FROM orleans_grain_state WHERE service_id = 'statusgrid-test'") >= 4);
        Assert.Equal(1L, await CountAsync(database, "SELECT count(*) FROM orleans_reminders WHERE service_id = 'statusgrid-test'"));
        Assert.Equal(1L, await CountAsync(database, "SELECT count(*) FROM evse_status WHERE evse_uid = 'PG-1-E2' AND status = 'CHARGING'"));
        Assert.Equal(1L, await CountAsync(database, "SELECT count(*) FROM locations WHERE id = 'PG-1'"));

        await host.StopAsync();
        await host.StartAsync();

        using var again = host.Client();
        var location = await (await again.GetAsync("/api/admin/locations/PG-1")).JsonAsync();
        var evse = location.GetProperty("evses").EnumerateArray().Single(e => e.GetProperty("uid").GetString() == "PG-1-E2");
        Assert.Equal("CHARGING", evse.GetProperty("status").GetString());
        Assert.Equal("2026-02-01T10:00:00.125Z", evse.GetProperty("last_updated").GetString());
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/admin/partners/PG-PARTNER")).StatusCode);
        Assert.NotNull(await host.Services.GetRequiredService<IReminderTable>().ReadRow(grain, "r"));
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
