using StatusGrid.MockEmsp;
using StatusGrid.TestSupport;

namespace StatusGrid.LoadDriver.Target;

/// <summary>Starts StatusGrid or the baseline from their Release builds on loopback, or attaches to running servers.</summary>
internal static class TargetFactory
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public static async Task<LoadTarget> LaunchStatusGridAsync(LaunchOptions options)
    {
        var postgres = options.Storage switch
        {
            "sqlite" when options.FrontEnds + options.MapFrontEnds > 0 => throw new ArgumentException("Front-ends need --storage postgres (they are clients of a database-clustered silo cluster)."),
            "sqlite" when options.Silos == 1 => false,
            "sqlite" => throw new ArgumentException("Several silos need --storage postgres (SQLite is the single-silo embedded default)."),
            "postgres" => true,
            _ => throw new ArgumentException($"--storage must be sqlite or postgres, not '{options.Storage}'."),
        };

        var dll = RepoPaths.ServerDll();
        var data = Directory.CreateTempSubdirectory("statusgrid-load-").FullName;
        var owned = new List<IAsyncDisposable>();
        try
        {
            string connectionString;
            var common = CommonArguments(dll);
            if (postgres)
            {
                PostgresServer? server = null;
                if (options.PostgresConnectionString is null)
                {
                    server = await PostgresServer.StartAsync(durable: true);
                    owned.Add(server);
                }

                connectionString = options.PostgresConnectionString ?? PoolSized(server!.ConnectionString, options.Silos + options.FrontEnds + options.MapFrontEnds);
                common.AddRange([
                    "--StatusGrid:Storage:Provider=PostgreSql",
                    "--StatusGrid:Cluster:Mode=" + (options.Silos > 1 || options.FrontEnds + options.MapFrontEnds > 0 ? "AdoNet" : "Localhost"),
                    "--StatusGrid:Cluster:AdvertisedIp=127.0.0.1",
                    "--StatusGrid:Cluster:ClusterId=load-" + Guid.NewGuid().ToString("N")[..8],
                ]);
            }
            else
            {
                connectionString = $"Data Source={Path.Combine(data, "statusgrid.db")}";
            }

            common.Add("--StatusGrid:Storage:ConnectionString=" + connectionString);
            common.AddRange(options.Settings);

            var urls = new List<Uri>();
            var pids = new List<int>();
            for (var silo = 0; silo < options.Silos; silo++)
            {
                // Silos start one after another: the first applies the schema, the others find it current.
                var ports = FreeLoopbackPorts.Take(3);
                var url = new Uri($"http://127.0.0.1:{ports[0]}");
                var args = new List<string>(common)
                {
                    "--urls=" + url.ToString().TrimEnd('/'),
                    $"--StatusGrid:Cluster:SiloPort={ports[1]}",
                    $"--StatusGrid:Cluster:GatewayPort={ports[2]}",
                };
                var process = await LaunchedProcess.StartAsync(dll, args, url, Path.Combine(data, $"silo{silo + 1}.log"), StartTimeout);
                owned.Add(process);
                urls.Add(url);
                pids.Add(process.Pid);
            }

            // Front-ends take all the load: the silos then only host grains (their URLs are not targets). Map
            // front-ends serve only the map clients.
            async Task<List<Uri>> StartFrontEndsAsync(int count, string logName, bool nice)
            {
                var started = new List<Uri>();
                for (var frontEnd = 0; frontEnd < count; frontEnd++)
                {
                    var url = new Uri($"http://127.0.0.1:{FreeLoopbackPorts.Take(1)[0]}");
                    var args = new List<string>(common) { "--urls=" + url.ToString().TrimEnd('/'), "--StatusGrid:Role=FrontEnd" };
                    var process = await LaunchedProcess.StartAsync(dll, args, url, Path.Combine(data, $"{logName}{frontEnd + 1}.log"), StartTimeout, nice);
                    owned.Add(process);
                    started.Add(url);
                    pids.Add(process.Pid);
                }

                return started;
            }

            var frontEndUrls = await StartFrontEndsAsync(options.FrontEnds, "frontend", nice: false);
            if (frontEndUrls.Count > 0)
            {
                urls = frontEndUrls;
            }

            var mapUrls = await StartFrontEndsAsync(options.MapFrontEnds, "mapfrontend", options.NiceMapFrontEnds);

            var description = postgres
                ? $"StatusGrid, PostgreSQL ({(options.PostgresConnectionString is null ? "local, durable defaults" : "given server")}), {options.Silos} silo(s)"
                    + (options.FrontEnds > 0 ? $", load through {options.FrontEnds} front-end(s)" : "")
                    + (options.MapFrontEnds > 0 ? $", map clients on {options.MapFrontEnds} front-end(s){(options.NiceMapFrontEnds ? " at nice 19" : "")}" : "")
                : "StatusGrid, embedded default (SQLite, 1 silo)";
            return new LoadTarget(TargetKind.StatusGrid, description, urls, pids, owned, data, mapUrls);
        }
        catch
        {
            await new LoadTarget(TargetKind.StatusGrid, "", [], [], owned, data).DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// What every server the driver starts gets (no environment: Production, so the start refuses weak settings as in
    /// a deployment). The mock eMSPs listen on loopback, so partner URLs may be private here; the keys are the driver's own.
    /// </summary>
    public static List<string> CommonArguments(string dll) =>
    [
        "--contentRoot", Path.GetDirectoryName(dll)!,
        "--StatusGrid:Auth:AdminApiKey=" + Api.ApiKeys.DefaultAdmin,
        "--StatusGrid:Auth:IngestApiKey=" + Api.ApiKeys.DefaultIngest,
        "--StatusGrid:Ocpi:AllowPrivateNetworkPartners=true",
    ];

    public static async Task<LoadTarget> LaunchBaselineAsync()
    {
        var dll = RepoPaths.BaselineDll();
        var data = Directory.CreateTempSubdirectory("statusgrid-baseline-").FullName;
        var url = new Uri($"http://127.0.0.1:{FreeLoopbackPorts.Take(1)[0]}");
        try
        {
            var process = await LaunchedProcess.StartAsync(dll, ["--urls=" + url.ToString().TrimEnd('/')], url, Path.Combine(data, "baseline.log"), StartTimeout);
            return new LoadTarget(TargetKind.Baseline, "Baseline forwarder (Kestrel in, HttpClient PATCH out)", [url], [process.Pid], [process], data);
        }
        catch
        {
            Directory.Delete(data, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Each silo or front-end opens two pools from one connection string (Orleans' ADO.NET providers or client and
    /// StatusGrid's own data source), so the throwaway server's max_connections (300) must hold 2 × hosts × pool size.
    /// </summary>
    private static string PoolSized(string connectionString, int hosts) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = Math.Min(100, 280 / (2 * hosts)) }.ConnectionString;

    /// <summary>A server someone else started; its process is found by port when it runs on this machine.</summary>
    public static LoadTarget Attach(TargetKind kind, IReadOnlyList<Uri> urls)
    {
        var pids = urls.Where(u => u.IsLoopback).Select(u => ListeningProcess.Find(u.Port)).OfType<int>().Distinct().ToList();
        var description = $"{kind} at {string.Join(", ", urls)}" + (pids.Count == 0 ? " (process not found: no CPU/memory figures)" : $" (pid {string.Join(", ", pids)})");
        return new LoadTarget(kind, description, urls, pids, [], null);
    }
}
