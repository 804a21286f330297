using StatusGrid.LoadDriver.Api;
using StatusGrid.LoadDriver.Cli;
using StatusGrid.LoadDriver.Report;
using StatusGrid.LoadDriver.Scenarios;
using StatusGrid.LoadDriver.Target;

namespace StatusGrid.LoadDriver.Commands;

/// <summary><c>run</c>: one scenario on StatusGrid (and with --baseline, on the baseline too, with ratios).</summary>
internal static class RunCommand
{
    public static async Task<int> ExecuteAsync(CommandLine line)
    {
        var settings = ScenarioPresets.Apply(ScenarioPresets.For(line.Text("scenario", "steady")!), line);
        var launch = line.Text("launch", line.Has("target") ? "none" : "statusgrid")!;
        var compare = line.Flag("baseline");
        var pairs = line.Int("pairs", 0);
        var keys = SharedOptions.Keys(line);
        var launchOptions = TargetArguments.Launch(line);
        var attach = launch == "none" ? TargetArguments.AttachUrls(line) : null;
        line.EnsureAllUsed();
        if (pairs > 0)
        {
            if (compare || launch == "baseline" || pairs > 5 || settings.HubClients + settings.ZoomedOutClients == 0)
            {
                throw new ArgumentException("--pairs 1..5 compares StatusGrid with and without map clients: give --clients or --zoomed-out-clients, not --baseline.");
            }

            await using var paired = launch == "none" ? TargetFactory.Attach(TargetKind.StatusGrid, attach!) : await TargetFactory.LaunchStatusGridAsync(launchOptions);
            var comparison = await paired.RunAsync(t => PairedRun.ExecuteAsync(t, settings, keys, pairs, Console.Out), Console.Out);
            PairedReport.Print(comparison, Console.Out);
            Console.WriteLine(PairedReport.Table(comparison));
            Console.WriteLine("raw results: " + ResultFiles.Write(settings.Name + "-paired", comparison));
            return 0;
        }

        RunResult statusGrid;
        await using (var target = launch switch
        {
            "statusgrid" => await TargetFactory.LaunchStatusGridAsync(launchOptions),
            "baseline" => await TargetFactory.LaunchBaselineAsync(),
            "none" => TargetFactory.Attach(TargetKind.StatusGrid, attach!),
            _ => throw new ArgumentException("--launch is statusgrid, baseline or none."),
        })
        {
            statusGrid = await target.RunAsync(t => LoadRun.ExecuteAsync(t, settings, keys, Console.Out), Console.Out);
        }

        ConsoleReport.Print(statusGrid, Console.Out);
        RunResult? baseline = null;
        if (compare)
        {
            await using var target = await TargetFactory.LaunchBaselineAsync();
            baseline = await target.RunAsync(t => LoadRun.ExecuteAsync(t, settings, new ApiKeys(), Console.Out), Console.Out);
            ConsoleReport.Print(baseline, Console.Out);
            ConsoleReport.PrintComparison(statusGrid, baseline, Console.Out);
        }

        Console.WriteLine(MarkdownReport.Table([(statusGrid, baseline)]));
        Console.WriteLine("raw results: " + ResultFiles.Write(settings.Name, new[] { statusGrid, baseline }));
        return 0;
    }
}
