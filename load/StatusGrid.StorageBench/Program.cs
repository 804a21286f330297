using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using StatusGrid.Storage;
using StatusGrid.Storage.PostgreSql;
using StatusGrid.Storage.Sqlite;
using StatusGrid.StorageBench;
using StatusGrid.TestSupport;

// Group-commit throughput of IStatusStore.WriteAsync on SQLite and PostgreSQL.
// Usage: dotnet run -c Release --project load/StatusGrid.StorageBench -- [--provider sqlite|postgres|both]
//        [--writers 1,16,64,256] [--seconds 5] [--evses 20000] [--locations 2000] [--batch 2000] [--pg "Host=..."]
var options = BenchOptions.Parse(args);
var results = new List<BenchResult>();
Console.WriteLine($"StatusGrid storage bench: {Environment.ProcessorCount} cores, {options.Duration.TotalSeconds:0}s per run, "
    + $"{options.Evses} EVSEs over {options.Locations} locations, max batch {options.MaxBatchSize}");

if (options.Provider is "sqlite" or "both")
{
    var directory = Directory.CreateTempSubdirectory("statusgrid-bench-");
    try
    {
        var storage = new StorageOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory.FullName, "bench.db") }.ToString(),
            MaxBatchSize = options.MaxBatchSize,
        };
        await SchemaMigrator.ApplyAsync(storage);
        await SeedLocationsAsync(new SqliteLocationStore(storage), options.Locations);
        foreach (var writers in options.Writers)
        {
            await using var store = new SqliteStatusStore(storage);
            results.Add(Report(await StatusWriteBench.RunAsync("SQLite (WAL, synchronous=FULL)", store, writers, options)));
        }
    }
    finally
    {
        SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
    }
}

if (options.Provider is "postgres" or "both")
{
    await using var server = options.PostgresConnectionString is null ? await PostgresServer.StartAsync(durable: true) : null;
    var connectionString = options.PostgresConnectionString ?? server!.ConnectionString;
    var storage = new StorageOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connectionString, MaxBatchSize = options.MaxBatchSize };
    await SchemaMigrator.ApplyAsync(storage);
    await using var dataSource = NpgsqlDataSource.Create(connectionString);
    await SeedLocationsAsync(new PostgresLocationStore(dataSource), options.Locations);
    var label = server is null ? "PostgreSQL (given server)" : "PostgreSQL 15 local (fsync on, defaults)";
    foreach (var writers in options.Writers)
    {
        await using var store = new PostgresStatusStore(dataSource, storage);
        results.Add(Report(await StatusWriteBench.RunAsync(label, store, writers, options)));
    }
}

Console.WriteLine();
Console.WriteLine("| provider | writers | writes/s | avg batch | p50 ms | p99 ms |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Provider} | {r.Writers} | {r.WritesPerSecond:N0} | {r.AverageBatch:N1} | {r.P50Ms:N2} | {r.P99Ms:N2} |"));
}

static BenchResult Report(BenchResult r)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Provider}, {r.Writers} writers: {r.Writes:N0} writes in {r.Elapsed.TotalSeconds:N1}s = {r.WritesPerSecond:N0}/s, {r.Batches:N0} batches (avg {r.AverageBatch:N1}), p50 {r.P50Ms:N2} ms, p99 {r.P99Ms:N2} ms"));
    return r;
}

static async Task SeedLocationsAsync(ILocationStore locations, int count)
{
    var at = DateTimeOffset.UtcNow.AddDays(-1);
    for (var i = 0; i < count; i++)
    {
        var id = $"LOC{i:D5}";
        await locations.UpsertAsync(new StoredLocation(id, "NL", "NLD", "SGR", true, at, $"{{\"id\":\"{id}\"}}"));
    }
}
