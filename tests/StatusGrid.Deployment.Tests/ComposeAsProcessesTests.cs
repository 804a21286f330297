using System.Diagnostics;
using System.Net.Http.Json;
using Npgsql;
using StatusGrid.TestSupport;

namespace StatusGrid.Deployment.Tests;

/// <summary>
/// No Docker engine here, so the compose services' own commands run as local processes with their compose
/// environment (service names → 127.0.0.1; the silos' ports made distinct, as silos sharing a host need), on a
/// PostgreSQL from the local binaries, in compose's order.
/// </summary>
public sealed class ComposeAsProcessesTests
{
    private static readonly string[] Silos = ["silo1", "silo2", "silo3"];

    // What a user's .env holds (keys of 32+ characters, as outside Development the server requires).
    private static readonly Dictionary<string, string> DotEnv = new()
    {
        ["STATUSGRID_ADMIN_KEY"] = "compose-admin-key-0123456789abcdef0123",
        ["STATUSGRID_INGEST_KEY"] = "compose-ingest-key-0123456789abcdef012",
        ["POSTGRES_PASSWORD"] = "pa;ss'wo\"rd",
    };

    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public async Task Migrate_started_before_postgres_accepts_TCP_succeeds_the_silos_form_one_cluster_and_the_mock_emsp_receives_pushes_through_a_front_end()
    {
        var databasePort = FreePort.Next();
        using var migrate = Start("StatusGrid.Server.dll", [.. ComposeFile.List(_compose.Service("migrate"), "command")], Environment("migrate", databasePort));
        var migrateOutput = Capture(migrate);

        // migrate is running and PostgreSQL's port refuses connections: it must retry, not exit.
        await WaitUntilAsync(() => migrateOutput.ToString().Contains("not reachable yet", StringComparison.Ordinal) || migrate.HasExited, TimeSpan.FromSeconds(60));
        Assert.False(migrate.HasExited, "migrate gave up while PostgreSQL was starting:\n" + migrateOutput);

        await using var postgres = await PostgresServer.StartAsync();
        var postgresPort = new NpgsqlConnectionStringBuilder(postgres.ConnectionString).Port;
        await ExecuteAsync(postgres.ConnectionString, "CREATE ROLE statusgrid LOGIN SUPERUSER");
        await using var forwarder = TcpForwarder.Start(databasePort, postgresPort);

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
        {
            await migrate.WaitForExitAsync(timeout.Token);
        }

        Assert.True(migrate.ExitCode == 0, $"migrate exited with {migrate.ExitCode}:\n{migrateOutput}");
        Assert.Contains("Created the database schema", migrateOutput.ToString(), StringComparison.Ordinal);

        var silos = new List<ServerProcess>();
        try
        {
            foreach (var silo in Silos)
            {
                silos.Add(await ServerProcess.StartAsync(SiloSettings(silo, databasePort), timeout: TimeSpan.FromSeconds(120)));
            }

            // One cluster: three Active (status 3) silos under compose's ClusterId.
            var clusterId = _compose.Environment("silo1")["StatusGrid__Cluster__ClusterId"];
            var connection = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = "statusgrid" }.ConnectionString;
            await WaitUntilAsync(async () => (await MembershipAsync(connection, clusterId)).Count(r => r.EndsWith(":3", StringComparison.Ordinal)) == Silos.Length,
                TimeSpan.FromSeconds(60), async () => "membership: " + string.Join(", ", await MembershipAsync(connection, clusterId)));

            var mockPort = FreePort.Next();
            using var mock = Start("StatusGrid.MockEmsp.dll", MockCommand(mockPort), new Dictionary<string, string>());
            var mockOutput = Capture(mock);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            await WaitUntilAsync(async () => (await TryGetAsync(http, $"http://127.0.0.1:{mockPort}/stats")) is not null, TimeSpan.FromSeconds(30));

            // A front-end with its compose settings joins as a client: no membership row of its own.
            silos.Add(await ServerProcess.StartAsync(SiloSettings("frontend1", databasePort), timeout: TimeSpan.FromSeconds(120)));
            Assert.Equal(Silos.Length, (await MembershipAsync(connection, clusterId)).Count);

            // Register the mock through silo1, import a location through silo2, report a change through frontend1.
            var admin = DotEnv["STATUSGRID_ADMIN_KEY"];
            using var partner = await Send(http, silos[0], "/api/admin/partners", admin, new
            {
                id = "NL*MOCK", ocpi_version = "2.2.1", token = "mock-token", country_code = "NL", party_id = "MCK",
                locations_url = $"http://127.0.0.1:{mockPort}/ocpi/emsp/2.2.1/locations",
            });
            Assert.True(partner.IsSuccessStatusCode, await partner.Content.ReadAsStringAsync());
            using var import = await Send(http, silos[1], "/api/admin/locations/import", admin, new[] { Location() });
            Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
            // A new partner first gets a PUT of the location; the change after it arrives as a PATCH.
            await WaitUntilAsync(async () => (await TryGetAsync(http, $"http://127.0.0.1:{mockPort}/stats"))?.Contains("\"puts\":1", StringComparison.Ordinal) == true,
                TimeSpan.FromSeconds(60), async () => await TryGetAsync(http, $"http://127.0.0.1:{mockPort}/stats") ?? "no answer");
            using var change = await Send(http, silos[^1], "/api/status", DotEnv["STATUSGRID_INGEST_KEY"], new[]
            {
                new { location_id = "COMPOSE-1", evse_uid = "COMPOSE-1-E1", status = "CHARGING", observed_at = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) },
            });
            var answer = await change.Content.ReadAsStringAsync();
            Assert.True(change.IsSuccessStatusCode && answer.Contains("\"applied\":1", StringComparison.Ordinal), answer);

            await WaitUntilAsync(async () => (await TryGetAsync(http, $"http://127.0.0.1:{mockPort}/received"))?.Contains("\"method\":\"PATCH\"", StringComparison.Ordinal) == true,
                TimeSpan.FromSeconds(60), async () => await TryGetAsync(http, $"http://127.0.0.1:{mockPort}/received") ?? "no answer");
            Assert.Contains("\"status\":\"CHARGING\"", await http.GetStringAsync($"http://127.0.0.1:{mockPort}/received"), StringComparison.Ordinal);
            Assert.DoesNotContain("PATCH", mockOutput.ToString(), StringComparison.Ordinal);
            mock.Kill(entireProcessTree: true);
        }
        finally
        {
            // Silos and the front-end.
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    /// <summary>A service's compose environment with the .env values filled in and service names → loopback.</summary>
    private Dictionary<string, string> Environment(string service, int databasePort) =>
        _compose.Environment(service).ToDictionary(v => v.Key, v => ComposeFile.Interpolate(v.Value, DotEnv)
            .Replace("Host=postgres;Port=5432", $"Host=127.0.0.1;Port={databasePort}", StringComparison.Ordinal));

    private Dictionary<string, string> SiloSettings(string silo, int databasePort)
    {
        var settings = Environment(silo, databasePort)
            .Where(v => v.Key.StartsWith("StatusGrid__", StringComparison.Ordinal))
            .ToDictionary(v => v.Key.Replace("__", ":", StringComparison.Ordinal), v => v.Value);
        // Containers each have an address and share ports; processes on one host share the address instead.
        settings.Remove("StatusGrid:Cluster:SiloPort");
        settings.Remove("StatusGrid:Cluster:GatewayPort");
        settings["StatusGrid:Cluster:AdvertisedIp"] = "127.0.0.1";
        return settings;
    }

    /// <summary>The mock's compose command, with the port and the address of this host instead of the container's.</summary>
    private string[] MockCommand(int port)
    {
        var command = ComposeFile.List(_compose.Service("mock-emsp"), "command").Select(a => ComposeFile.Interpolate(a, DotEnv)).ToList();
        void Set(string name, string value) => command[command.IndexOf(name) + 1] = value;
        Set("--base-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set("--listen", "127.0.0.1");
        Set("--public-url", $"http://127.0.0.1:{port}");
        return [.. command];
    }

    private static object Location() => new
    {
        country_code = "NL", party_id = "SGR", id = "COMPOSE-1", publish = true, name = "Compose", address = "Stationsplein 1",
        city = "Utrecht", country = "NLD", coordinates = new { latitude = "52.090000", longitude = "5.120000" }, time_zone = "Europe/Amsterdam",
        last_updated = "2026-01-01T00:00:00Z",
        evses = new[]
        {
            new
            {
                uid = "COMPOSE-1-E1", status = "AVAILABLE", last_updated = "2026-01-01T00:00:00Z",
                connectors = new[] { new { id = "1", standard = "IEC_62196_T2", format = "SOCKET", power_type = "AC_3_PHASE", max_voltage = 400, max_amperage = 32, last_updated = "2026-01-01T00:00:00Z" } },
            },
        },
    };

    private static async Task<HttpResponseMessage> Send(HttpClient http, ServerProcess silo, string path, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo.BaseAddress, path)) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", key);
        return await http.SendAsync(request);
    }

    private static async Task<string?> TryGetAsync(HttpClient http, string url)
    {
        try
        {
            return await http.GetStringAsync(url);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Rows of the membership table: "silo_name address:port status" (3 = Active).</summary>
    private static async Task<List<string>> MembershipAsync(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT silo_name, address, port, status FROM orleans_membership WHERE deployment_id = @id", connection);
        command.Parameters.AddWithValue("id", clusterId);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetString(0)} {reader.GetString(1)}:{reader.GetInt32(2)} status:{reader.GetInt32(3)}");
        }

        return rows;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static Process Start(string assembly, string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start " + assembly);
    }

    private static System.Text.StringBuilder Capture(Process process)
    {
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return output;
    }

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout) => WaitUntilAsync(() => Task.FromResult(condition()), timeout);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"not reached within {timeout.TotalSeconds:0} s" + (describe is null ? "" : ": " + await describe()));
            }

            await Task.Delay(200);
        }
    }
}
