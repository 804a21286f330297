using StatusGrid.LoadDriver.Api;
using StatusGrid.LoadDriver.Workload;
using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Cli;

/// <summary>
/// The options several commands have in common, each read one way here with the command's own defaults: the estate
/// and its mock partners (import, soak, chaos), steady traffic on a cluster (soak, chaos), the API keys (run, import).
/// </summary>
internal static class SharedOptions
{
    /// <summary>The production membership and directory settings README recommends (section "Failures and membership timing").</summary>
    public static readonly IReadOnlyList<string> RecommendedClusterTiming =
    [
        "StatusGrid:Cluster:Membership:ProbeTimeout=00:00:01",
        "StatusGrid:Cluster:Membership:NumMissedProbesLimit=2",
        "StatusGrid:Cluster:Membership:NumVotesForDeathDeclaration=1",
        "StatusGrid:Cluster:Directory:RangeLeaseDuration=00:00:05",
    ];

    /// <summary>The command as typed, for the Markdown rows of load/RESULTS.md.</summary>
    public static string CommandText(IEnumerable<string> args) =>
        "dotnet run -c Release --project load/StatusGrid.LoadDriver -- " + string.Join(' ', args);

    /// <summary><c>--locations N --evses-per-location N</c> (default 10 per location) and <c>--partners N</c> (default 3).</summary>
    public static (EvseCatalog Catalog, int Partners) Estate(CommandLine line, int locations) =>
        (new EvseCatalog(line.Int("locations", locations), line.Int("evses-per-location", 10)), line.Int("partners", 3));

    /// <summary><c>--admin-key K --ingest-key K</c>: an attached server's keys (default: those a launched one gets).</summary>
    public static ApiKeys Keys(CommandLine line) =>
        new(line.Text("admin-key", ApiKeys.DefaultAdmin)!, line.Text("ingest-key", ApiKeys.DefaultIngest)!);

    /// <summary>What soak and chaos read alike: the estate, its partners' faults, the traffic and the server.</summary>
    public static SteadyLoad Steady(CommandLine line, int locations, double rate, int batch)
    {
        var (catalog, partners) = Estate(line, locations);
        var silos = line.Int("silos", 1);
        return new SteadyLoad(catalog, partners, Faults(line, partners), line.Double("rate", rate), line.Int("batch", batch), line.Int("senders", 8),
            silos, ServerSettings(line, silos), DeliveryModes(line, ["latest"]));
    }

    /// <summary><c>--delivery-mode latest|ordered[,..]</c>: one per partner, the last for the rest (as for faults).</summary>
    public static IReadOnlyList<string> DeliveryModes(CommandLine line, IReadOnlyList<string> fallback)
    {
        if (line.Text("delivery-mode") is not { } text)
        {
            return fallback;
        }

        var modes = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return modes.Length > 0 && modes.All(m => m is "latest" or "ordered")
            ? modes
            : throw new ArgumentException("--delivery-mode is 'latest' or 'ordered', one per partner, comma separated.");
    }

    /// <summary>As <c>run</c> reads them; without --error-rate the third partner fails 20% of pushes.</summary>
    private static IReadOnlyList<PartnerFaults> Faults(CommandLine line, int partners)
    {
        var given = line.Has("error-rate");
        var faults = FleetArguments.Faults(line, partners);
        return given ? faults : [.. faults.Select((f, i) => i == 2 ? f with { ErrorRate = 0.2 } : f)];
    }

    /// <summary>--server-settings "k=v;..." as given; on a cluster, the recommended membership and directory timing unless given.</summary>
    private static List<string> ServerSettings(CommandLine line, int silos)
    {
        var given = (line.Text("server-settings") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (silos > 1 && !line.Flag("orleans-defaults"))
        {
            given.AddRange(RecommendedClusterTiming.Where(r => !given.Any(g => g.StartsWith(r[..r.IndexOf('=')], StringComparison.OrdinalIgnoreCase))));
        }

        return given;
    }
}
