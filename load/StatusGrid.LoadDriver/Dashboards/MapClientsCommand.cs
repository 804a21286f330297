using System.Text.Json;
using StatusGrid.LoadDriver.Cli;
using StatusGrid.LoadDriver.Commands;
using StatusGrid.LoadDriver.Workload;
using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Dashboards;

/// <summary>
/// <c>map-clients</c>: the map clients of a run in a process of their own (<c>run --clients-process</c> starts it), so that
/// receiving hundreds of thousands of items a second does not share a thread pool with the driver's ingest sender and
/// its mock partners, whose timings it would otherwise inflate. Same viewports as in-process (same seed). Latency is
/// wall clock: arrival − the item's <c>last_updated</c> (the send time the driver put in <c>observed_at</c>), in ms.
/// Commands on stdin: <c>reset</c> (start measuring: clears counts, then answers <see cref="ResetDone"/>), <c>stop</c>
/// (once no item has arrived for <see cref="Quiet"/>, print the summary as one JSON line and exit). Both close a race
/// with the driver, which sees none of these arrivals: a reset read after the first measured items arrived wiped
/// them, and a stop read while the last round was still arriving cut it off; either showed as items missing. Items of
/// changes sent before the reset are not the phase's (<see cref="PhaseItems"/>).
/// </summary>
internal static class MapClientsCommand
{
    public const string Connected = "connected";
    public const string Summary = "summary ";
    public const string ResetDone = "reset-done";

    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxQuietWait = TimeSpan.FromSeconds(15);

    public static async Task<int> ExecuteAsync(CommandLine line)
    {
        var urls = TargetArguments.AttachUrls(line);
        var catalog = new EvseCatalog(line.Int("locations", 1_000), line.Int("evses-per-location", 10));
        var city = line.Int("clients", 0);
        var zoomed = line.Int("zoomed-out-clients", 0);
        var lifetime = TimeSpan.FromSeconds(line.Int("seconds", 600));
        line.EnsureAllUsed();
        if (city is < 0 or > 5_000 || zoomed is < 0 or > 5_000 || lifetime > TimeSpan.FromMinutes(15))
        {
            throw new ArgumentException("Out of bounds: clients and zoomed-out-clients 0..5,000, seconds up to 900");
        }

        var phase = new PhaseItems();
        var random = new Random(17);
        var viewports = Enumerable.Range(0, city).Select(_ => ViewportMix.City(catalog, random)).ToList();
        await using var cities = await HubClientPool.ConnectAsync(urls, city, (item, _) =>
            phase.Received(item.LastUpdated, DateTimeOffset.UtcNow), TimeSpan.FromMinutes(1), i => viewports[i]);
        await using var zoomedOut = await HubClientPool.ConnectAsync(urls, zoomed, (_, _) => { }, TimeSpan.FromMinutes(1), _ => ViewportMix.ZoomedOut);
        Console.WriteLine($"{Connected} {cities.Connected} {zoomedOut.Connected} {cities.Failed + zoomedOut.Failed}");

        using var deadline = new CancellationTokenSource(lifetime);
        long zoomedBaseline = 0;
        while (!deadline.IsCancellationRequested && await Console.In.ReadLineAsync(deadline.Token) is { } command)
        {
            if (command == "reset")
            {
                phase.Reset(DateTimeOffset.UtcNow);
                zoomedBaseline = zoomedOut.Messages;
                Console.WriteLine(ResetDone);
            }
            else if (command == "stop")
            {
                await WaitForQuietAsync(() => phase.Count);
                break;
            }
        }

        var summary = new MapClientsSummary(cities.Connected, zoomedOut.Connected, cities.Failed + zoomedOut.Failed,
            phase.Count, zoomedOut.Messages - zoomedBaseline, phase.Latency.Summarize());
        Console.WriteLine(Summary + JsonSerializer.Serialize(summary));
        return 0;
    }

    private static async Task WaitForQuietAsync(Func<long> received)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var last = received();
        var unchangedSince = waited.Elapsed;
        while (waited.Elapsed < MaxQuietWait && waited.Elapsed - unchangedSince < Quiet)
        {
            await Task.Delay(100);
            if (received() is var now && now != last)
            {
                (last, unchangedSince) = (now, waited.Elapsed);
            }
        }
    }
}

/// <summary>What the map-clients process measured since its last reset.</summary>
internal sealed record MapClientsSummary(int City, int ZoomedOut, int Failed, long Items, long ZoomedOutMessages, LatencySummary LatencyMs);
