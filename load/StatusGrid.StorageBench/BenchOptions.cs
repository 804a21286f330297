using System.Globalization;

namespace StatusGrid.StorageBench;

/// <summary>Command line: --provider sqlite|postgres|both --writers 1,16,64,256 --seconds 5 --evses 20000 --locations 2000 --batch 2000 --pg "connection string".</summary>
internal sealed record BenchOptions(string Provider, IReadOnlyList<int> Writers, TimeSpan Duration, int Evses, int Locations, int MaxBatchSize, string? PostgresConnectionString)
{
    public static BenchOptions Parse(string[] args)
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
        int GetInt(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        return new BenchOptions(
            Get("provider", "both"),
            Get("writers", "1,16,64,256").Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToList(),
            TimeSpan.FromSeconds(GetInt("seconds", 5)),
            GetInt("evses", 20_000),
            GetInt("locations", 2_000),
            GetInt("batch", 2_000),
            values.GetValueOrDefault("pg") ?? Environment.GetEnvironmentVariable("STATUSGRID_BENCH_PG"));
    }
}
