using System.Globalization;

namespace StatusGrid.IngestBench;

/// <summary>
/// Command line (all optional): --seconds 10 --warmup 3 --connections 16 --batch 500 (lists run one after another:
/// --connections 4,16,64 --batch 100,500) --locations 2000
/// --evses-per-location 5 --max-batch 2000 --pg "connection string" --url http://host:port --ingest-key k --admin-key k.
/// </summary>
internal sealed record IngestBenchOptions(
    TimeSpan Duration,
    TimeSpan Warmup,
    IReadOnlyList<int> Connections,
    IReadOnlyList<int> BatchSizes,
    int Locations,
    int EvsesPerLocation,
    int StoreMaxBatch,
    string? PostgresConnectionString,
    Uri? Url,
    string IngestKey,
    string AdminKey)
{
    public int Evses => Locations * EvsesPerLocation;

    public static IngestBenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected --name value pairs, got '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Get(string name, string fallback) => values.TryGetValue(name, out var value) ? value : fallback;
        List<int> GetList(string name, string fallback) => [.. Get(name, fallback).Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))];
        int GetInt(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        return new IngestBenchOptions(
            TimeSpan.FromSeconds(GetInt("seconds", 10)),
            TimeSpan.FromSeconds(GetInt("warmup", 3)),
            GetList("connections", "16"),
            GetList("batch", "500"),
            GetInt("locations", 2_000),
            GetInt("evses-per-location", 5),
            GetInt("max-batch", 2_000),
            values.GetValueOrDefault("pg") ?? Environment.GetEnvironmentVariable("STATUSGRID_BENCH_PG"),
            values.TryGetValue("url", out var url) ? new Uri(url) : null,
            Get("ingest-key", "bench-ingest-key-0123456789abcdefghijkl"),
            Get("admin-key", "bench-admin-key-0123456789abcdefghijklm"));
    }
}
