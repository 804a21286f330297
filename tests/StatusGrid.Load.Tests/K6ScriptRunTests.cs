using System.Net;
using System.Net.Sockets;
using StatusGrid.MockEmsp;
using StatusGrid.TestSupport;

namespace StatusGrid.Load.Tests;

/// <summary>
/// k6 is not installed here, so each k6 script's own code runs under load/k6/runner (Node stand-ins for the k6
/// modules) for a couple of iterations against a real StatusGrid process and the mock eMSP fleet. A script fails
/// when a check fails, a threshold's metric got no data, or a count/rate threshold does not hold.
/// </summary>
[Collection(K6Folder.Collection)]
public sealed class K6ScriptRunTests
{
    private const string AdminKey = "k6-runner-admin-key-0123456789abcdef";
    private const string IngestKey = "k6-runner-ingest-key-0123456789abcdef";
    private const int LoadPartners = 2;

    [Fact]
    public async Task Every_k6_script_runs_against_StatusGrid_and_the_mock_emsp_with_passing_checks_and_data_for_every_threshold()
    {
        K6Folder.RequireTools();
        await K6Folder.InstallAsync();
        var data = Directory.CreateTempSubdirectory("statusgrid-k6-run-");
        try
        {
            // Partners 1..2 take the load scripts' pushes; partner 3 is the compose script's own mock eMSP.
            await using var fleet = await StartFleetAsync(LoadPartners + 1);
            await using var server = await ServerProcess.StartAsync(new Dictionary<string, string>
            {
                ["StatusGrid:Auth:AdminApiKey"] = AdminKey,
                ["StatusGrid:Auth:IngestApiKey"] = IngestKey,
                ["StatusGrid:Storage:ConnectionString"] = $"Data Source={Path.Combine(data.FullName, "statusgrid.db")}",
                ["StatusGrid:Ocpi:AllowPrivateNetworkPartners"] = "true",
            });
            var url = server.BaseAddress.GetLeftPart(UriPartial.Authority);
            var basePort = fleet.Partners[0].Port;
            // 40 EVSEs, batches of 40 and 2 iterations: every pass flips every EVSE, so no change is a duplicate
            // (steady, then dashboards); the storm then moves every EVSE to CHARGING.
            var common = new Dictionary<string, string>
            {
                ["STATUSGRID_URL"] = url,
                ["ADMIN_KEY"] = AdminKey,
                ["INGEST_KEY"] = IngestKey,
                ["LOCATIONS"] = "20",
                ["EVSES_PER_LOCATION"] = "2",
                ["BATCH"] = "40",
                ["PARTNERS"] = LoadPartners.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["FLEET_BASE_PORT"] = basePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["CLIENTS"] = "2",
                ["DURATION_S"] = "6",
                ["RAMP_S"] = "1",
                ["STORM_BATCH"] = "20",
            };
            var composePartner = fleet.Partners[LoadPartners];
            var runs = new (string Script, Dictionary<string, string> Extra)[]
            {
                ("steady-state.ts", []),
                ("dashboards.ts", []),
                ("ingest-storm.ts", []),
                ("partner-pull.ts", []),
                ("compose-ingest.ts", new()
                {
                    ["STATUSGRID_URLS"] = url,
                    ["STATUSGRID_ADMIN_KEY"] = AdminKey,
                    ["STATUSGRID_INGEST_KEY"] = IngestKey,
                    ["EMSP_LOCATIONS_URL"] = composePartner.LocationsUrl,
                    ["EMSP_URL"] = $"http://127.0.0.1:{composePartner.Port}",
                    ["LOCATIONS"] = "10",
                }),
            };

            foreach (var (script, extra) in runs)
            {
                var environment = new Dictionary<string, string>(common);
                foreach (var (name, value) in extra)
                {
                    environment[name] = value;
                }

                var result = await CommandResult.RunAsync("node", ["--experimental-websocket", "runner/run.mjs", script, "--iterations", "2"],
                    K6Folder.Path, TimeSpan.FromMinutes(2), environment);
                Assert.True(result.ExitCode == 0, $"{script} (exit {result.ExitCode}):\n{result.Output}\n--- server:\n{server.RecentOutput}");
                Assert.Contains($"{script} passed", result.Output, StringComparison.Ordinal);
            }

            Assert.True(fleet.Report().Partners[LoadPartners].Patches > 0, "the compose script's partner received no PATCH");
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>The scripts address partners as FLEET_BASE_PORT + i: find a free run of consecutive loopback ports.</summary>
    private static async Task<EmspFleet> StartFleetAsync(int partners)
    {
        for (var attempt = 0; ; attempt++)
        {
            var basePort = Random.Shared.Next(20_000, 60_000);
            if (!Enumerable.Range(basePort, partners).All(IsFree))
            {
                continue;
            }

            try
            {
                return await EmspFleet.StartAsync(new FleetOptions { Partners = partners, BasePort = basePort });
            }
            catch (IOException) when (attempt < 5)
            {
                // Taken between the probe and the bind: try another run of ports.
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
