using System.Globalization;
using StatusGrid.IngestBench;
using StatusGrid.TestSupport;

// Ingest throughput of a StatusGrid server on PostgreSQL: POST /api/status batches from N connections, every change
// a real one (applied, durable before the answer), for a fixed time after a warm-up.
// Without --url it starts a throwaway durable PostgreSQL (fsync on) and the built server as a separate process
// (Provider=PostgreSql, ADO.NET clustering), seeds the locations through the admin API, then measures each
// combination of --connections and --batch in turn.
// Usage: dotnet run -c Release --project load/StatusGrid.IngestBench -- [--seconds 10] [--warmup 3]
//        [--connections 4,16,64] [--batch 100,500] [--locations 2000] [--evses-per-location 5] [--max-batch 2000]
//        [--pg "Host=..."] [--url http://host:port --ingest-key k --admin-key k]
var options = IngestBenchOptions.Parse(args);
Console.WriteLine($"StatusGrid ingest bench: {Environment.ProcessorCount} cores, {options.Evses:N0} EVSEs over {options.Locations:N0} locations, "
    + $"{options.Warmup.TotalSeconds:0} s warm-up + {options.Duration.TotalSeconds:0} s measured per run");

PostgresServer? postgres = null;
ServerProcess? server = null;
try
{
    var url = options.Url;
    if (url is null)
    {
        postgres = options.PostgresConnectionString is null ? await PostgresServer.StartAsync(durable: true) : null;
        server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["StatusGrid:Storage:Provider"] = "PostgreSql",
            ["StatusGrid:Storage:ConnectionString"] = options.PostgresConnectionString ?? postgres!.ConnectionString,
            ["StatusGrid:Storage:MaxBatchSize"] = options.StoreMaxBatch.ToString(CultureInfo.InvariantCulture),
            ["StatusGrid:Cluster:Mode"] = "AdoNet",
            ["StatusGrid:Cluster:AdvertisedIp"] = "127.0.0.1",
            ["StatusGrid:Cluster:ServiceId"] = "statusgrid-bench",
            ["StatusGrid:Cluster:ClusterId"] = "bench-" + Guid.NewGuid().ToString("N")[..8],
            ["StatusGrid:Auth:AdminApiKey"] = options.AdminKey,
            ["StatusGrid:Auth:IngestApiKey"] = options.IngestKey,
        }, timeout: TimeSpan.FromMinutes(2));
        url = server.BaseAddress;
        Console.WriteLine($"Server process on {url}, PostgreSQL {(postgres is null ? "given" : "throwaway, fsync on")}");
    }

    var maxConnections = options.Connections.Max();
    using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections + 4, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
    using var admin = new HttpClient(handler, disposeHandler: false) { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) };
    admin.DefaultRequestHeaders.Add("X-Api-Key", options.AdminKey);
    using var ingest = new HttpClient(handler, disposeHandler: false) { BaseAddress = url, Timeout = TimeSpan.FromMinutes(1) };
    ingest.DefaultRequestHeaders.Add("X-Api-Key", options.IngestKey);
    await Seeder.EnsureLocationsAsync(admin, options);

    var fleet = new BenchFleet(options);
    var postmaster = ProcessTreeCpu.PostmasterPid(postgres?.DataDirectory);
    var results = new List<IngestRunResult>();
    foreach (var connections in options.Connections)
    {
        foreach (var batch in options.BatchSizes)
        {
            var r = await IngestRun.RunAsync(ingest, admin, fleet, connections, batch, options, server, postmaster);
            results.Add(r);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Connections} connections x {r.BatchSize}: {r.ChangesPerSecond:N0} changes/s, {r.RequestsPerSecond:N0} requests/s, p50 {r.P50Ms:N1} ms, p99 {r.P99Ms:N1} ms, "
                + $"commit batch {r.AverageCommitBatch:N0}, CPU busy {r.MachineBusy:P0} (server {r.ServerCores:N2}, PostgreSQL {r.PostgresCores:N2}, bench {r.BenchCores:N2} cores), "
                + $"load {r.LoadAverage}; not applied {r.NotApplied}, failed requests {r.FailedRequests}{(r.LastError is null ? "" : ": " + r.LastError)}"));
        }
    }

    Console.WriteLine();
    Console.WriteLine("| connections | changes/request | changes/s | p50 ms | p99 ms | avg commit batch | CPU busy | server cores | PostgreSQL cores |");
    Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    foreach (var r in results)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {r.Connections} | {r.BatchSize} | {r.ChangesPerSecond:N0} | {r.P50Ms:N1} | {r.P99Ms:N1} | {r.AverageCommitBatch:N0} | {r.MachineBusy:P0} | {r.ServerCores:N2} | {r.PostgresCores:N2} |"));
    }

    if (results.Any(r => r.FailedRequests > 0 || r.NotApplied > 0))
    {
        Environment.ExitCode = 1;
    }
}
finally
{
    if (server is not null)
    {
        await server.DisposeAsync();
    }

    if (postgres is not null)
    {
        await postgres.DisposeAsync();
    }
}
