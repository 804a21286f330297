using System.Diagnostics;
using System.Globalization;
using StatusGrid.IngestBench;
using StatusGrid.TestSupport;

// Ingest throughput of a StatusGrid server on PostgreSQL: POST /api/status batches from N connections, every change
// a real one (applied, durable before the answer), for a fixed time after a warm-up.
// Without --url it starts a throwaway durable PostgreSQL (fsync on) and the built server as a separate process
// (Provider=PostgreSql, ADO.NET clustering), seeds the locations through the admin API, then measures.
// Usage: dotnet run -c Release --project load/StatusGrid.IngestBench -- [--seconds 10] [--warmup 3]
//        [--connections 16] [--batch 500] [--locations 2000] [--evses-per-location 5] [--max-batch 2000]
//        [--pg "Host=..."] [--url http://host:port --ingest-key k --admin-key k]
var options = IngestBenchOptions.Parse(args);
Console.WriteLine($"StatusGrid ingest bench: {Environment.ProcessorCount} cores, {options.Connections} connections x {options.BatchSize} changes per request, "
    + $"{options.Evses:N0} EVSEs over {options.Locations:N0} locations, {options.Warmup.TotalSeconds:0} s warm-up + {options.Duration.TotalSeconds:0} s measured");

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

    using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Connections + 4, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
    using var admin = new HttpClient(handler, disposeHandler: false) { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) };
    admin.DefaultRequestHeaders.Add("X-Api-Key", options.AdminKey);
    await Seeder.EnsureLocationsAsync(admin, options);

    var evses = Enumerable.Range(0, options.Locations)
        .SelectMany(l => Enumerable.Range(1, options.EvsesPerLocation).Select(n => (BenchLocations.Id(l), $"{BenchLocations.Id(l)}-E{n}")))
        .ToArray();
    using var ingest = new HttpClient(handler, disposeHandler: false) { BaseAddress = url, Timeout = TimeSpan.FromMinutes(1) };
    ingest.DefaultRequestHeaders.Add("X-Api-Key", options.IngestKey);

    // observed_at rises from an hour ago by 1 ms per change of an EVSE: always newer than the seed, never in the future.
    var baseTime = DateTime.UtcNow.AddHours(-1);
    var workers = Enumerable.Range(0, options.Connections)
        .Select(w => new IngestWorker(ingest, [.. evses.Where((_, i) => i % options.Connections == w)], options.BatchSize, baseTime))
        .ToList();

    var start = Stopwatch.GetTimestamp();
    var measureFrom = start + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
    var measureTo = measureFrom + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
    bool Measuring()
    {
        var now = Stopwatch.GetTimestamp();
        return now >= measureFrom && now < measureTo;
    }

    using var stop = new CancellationTokenSource();
    var running = workers.Select(w => Task.Run(() => w.RunAsync(Measuring, stop.Token))).ToList();

    await Task.Delay(options.Warmup);
    var commitsBefore = await GroupCommitScrape.ReadAsync(admin);
    var cpuBefore = MachineCpu.Sample();
    var serverCpuBefore = server?.TotalProcessorTime ?? TimeSpan.Zero;
    var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var postmaster = ProcessTreeCpu.PostmasterPid(postgres?.DataDirectory);
    var postgresCpuBefore = postmaster is { } p0 ? ProcessTreeCpu.Sample(p0) : TimeSpan.Zero;

    await Task.Delay(options.Duration);
    var commitsAfter = await GroupCommitScrape.ReadAsync(admin);
    var cpu = MachineCpu.Sample().BusySince(cpuBefore);
    var serverCores = ((server?.TotalProcessorTime ?? TimeSpan.Zero) - serverCpuBefore) / options.Duration;
    var benchCores = (Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore) / options.Duration;
    var postgresCores = postmaster is { } p1 ? (ProcessTreeCpu.Sample(p1) - postgresCpuBefore) / options.Duration : double.NaN;
    await stop.CancelAsync();
    await Task.WhenAll(running);

    var applied = workers.Sum(w => w.Tally.Applied);
    var latencies = workers.SelectMany(w => w.Tally.LatenciesMs).Order().ToList();
    double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))];
    var seconds = options.Duration.TotalSeconds;
    var failed = workers.Sum(w => w.Tally.FailedRequests);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Applied {applied:N0} changes in {seconds:0} s = {applied / seconds:N0} changes/s; {workers.Sum(w => w.Tally.Requests) / seconds:N0} requests/s, "
        + $"request p50 {Percentile(0.50):N1} ms, p99 {Percentile(0.99):N1} ms; not applied {workers.Sum(w => w.Tally.NotApplied):N0}, failed requests {failed:N0}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Group commit: avg {commitsAfter.AverageBatchSince(commitsBefore):N0} changes per transaction; machine CPU busy {cpu:P0}; "
        + $"StatusGrid server {serverCores:N2} cores, PostgreSQL {postgresCores:N2} cores, bench {benchCores:N2} cores; load average {LoadAverage()}"));
    Console.WriteLine();
    Console.WriteLine("| connections | changes/request | changes/s | requests/s | p50 ms | p99 ms | avg commit batch | machine CPU |");
    Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {options.Connections} | {options.BatchSize} | {applied / seconds:N0} | {workers.Sum(w => w.Tally.Requests) / seconds:N0} | {Percentile(0.50):N1} | {Percentile(0.99):N1} | {commitsAfter.AverageBatchSince(commitsBefore):N0} | {cpu:P0} |"));
    if (failed > 0)
    {
        Console.WriteLine("Last error: " + workers.Select(w => w.Tally.LastError).LastOrDefault(e => e is not null));
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

// Other work on the machine shows up here; a clean measurement has it near the bench's own thread count.
static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
