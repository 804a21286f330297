using System.Text.Json;
using StatusGrid.LoadDriver.Cli;
using StatusGrid.LoadDriver.Report;
using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Commands;

/// <summary>
/// <c>fleet</c>: only the mock eMSPs, for k6 (or any other sender). Partners listen on base-port + i; latency is
/// last_updated → arrival on the wall clock, so a sender that writes its send time into observed_at gets end-to-end
/// figures from <c>GET /fleet/report</c>. Stops after --seconds or Ctrl+C.
/// </summary>
internal static class FleetCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task<int> ExecuteAsync(CommandLine line)
    {
        var partners = line.Int("partners", 3);
        var options = new FleetOptions
        {
            Partners = partners,
            BasePort = line.Int("base-port", 9101),
            Faults = FleetArguments.Faults(line, partners),
        };
        var lifetime = line.Seconds("seconds", 3600);
        line.EnsureAllUsed();
        if (lifetime > TimeSpan.FromHours(4))
        {
            throw new ArgumentException("--seconds: at most 4 hours.");
        }

        await using var fleet = await EmspFleet.StartAsync(options);
        Console.WriteLine($"Mock eMSP fleet: {partners} partner(s) on 127.0.0.1, until Ctrl+C or {lifetime.TotalSeconds:0} s");
        foreach (var partner in fleet.Partners)
        {
            var faults = options.FaultsFor(partner.Index);
            Console.WriteLine($"  {partner.Id}  {partner.LocationsUrl}" + (faults.IsNone ? "" : $"  (latency {faults.LatencyMs}+{faults.JitterMs} ms, errors {faults.ErrorRate:P0})"));
        }

        Console.WriteLine($"  report: GET http://127.0.0.1:{fleet.Partners[0].Port}/fleet/report   reset: POST .../fleet/reset   samples: GET .../fleet/latencies?max=N");

        using var stop = new CancellationTokenSource(lifetime);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        long lastPatches = -1;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), stop.Token);
                var report = fleet.Report();
                if (report.Patches != lastPatches)
                {
                    lastPatches = report.Patches;
                    Console.WriteLine($"  {DateTime.Now:HH:mm:ss} {Numbers.N0(report.Patches)} PATCHes, {Numbers.N0(report.Puts)} PUTs, "
                        + $"{Numbers.N0(report.InjectedErrors)} injected errors; last_updated→arrival p50/p95/p99/max {Numbers.Latency(report.LatencyMs)} ms");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        Console.WriteLine(JsonSerializer.Serialize(fleet.Report(), Json));
        return 0;
    }
}
