using StatusGrid.LoadDriver.Api;
using StatusGrid.LoadDriver.Report;
using StatusGrid.LoadDriver.Target;

namespace StatusGrid.LoadDriver.Scenarios;

/// <summary>
/// <c>run --pairs N</c>: one setup, then N pairs of measured phases on the same server, one with the scenario's map
/// clients and one without, in alternating order. Importing a 100k-EVSE estate takes minutes here, and a fresh server
/// per phase would compare two different warm-ups: one server for both halves of a pair isolates what the clients cost.
/// </summary>
internal static class PairedRun
{
    public static async Task<PairedComparison> ExecuteAsync(LoadTarget target, ScenarioSettings settings, ApiKeys keys, int pairs, TextWriter log)
    {
        await using var prepared = await LoadRun.PrepareAsync(target, settings, keys, log);
        var without = settings with { HubClients = 0, ZoomedOutClients = 0 };
        var results = new List<PairedComparison.Pair>();
        for (var i = 0; i < pairs; i++)
        {
            RunResult withClients, withoutClients;
            if (PairedComparison.WithClientsFirst(i))
            {
                withClients = await PhaseAsync(prepared, settings, i, "with clients", log);
                withoutClients = await PhaseAsync(prepared, without, i, "without clients", log);
            }
            else
            {
                withoutClients = await PhaseAsync(prepared, without, i, "without clients", log);
                withClients = await PhaseAsync(prepared, settings, i, "with clients", log);
            }

            results.Add(new PairedComparison.Pair(withClients, withoutClients));
        }

        return new PairedComparison(results);
    }

    private static async Task<RunResult> PhaseAsync(PreparedRun prepared, ScenarioSettings settings, int pair, string what, TextWriter log)
    {
        log.WriteLine($"-- pair {pair + 1}, {what}");
        var result = await LoadRun.MeasureAsync(prepared, settings, log);
        ConsoleReport.Print(result, log);
        return result;
    }
}
