using System.Diagnostics;
using System.Globalization;
using StatusGrid.LoadDriver.Api;
using StatusGrid.LoadDriver.Cli;
using StatusGrid.LoadDriver.Measure;
using StatusGrid.LoadDriver.Report;
using StatusGrid.LoadDriver.Scenarios;
using StatusGrid.LoadDriver.Target;
using StatusGrid.LoadDriver.Workload;
using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Commands;

/// <summary>
/// <c>import</c>: how fast the admin import takes an estate. Partners are registered first, so the run also shows how
/// long the new Locations' PUTs take to reach them afterwards (counted at the mock partners, see
/// <see cref="WaitForDeliveryAsync"/>), and the resident memory with the estate loaded.
/// </summary>
internal static class ImportCommand
{
    public static async Task<int> ExecuteAsync(CommandLine line, string command)
    {
        var (catalog, partnerCount) = SharedOptions.Estate(line, locations: 10_000);
        var (locations, evsesPerLocation) = (catalog.Locations, catalog.EvsesPerLocation);
        var files = line.Int("files", 1);
        var drain = line.Seconds("drain-seconds", 90);
        // At a million EVSEs the partners' PATCHes after --activate take longer than the rest of the run: 0 skips
        // that wait (the activation and its RSS are measured before it).
        var activationDrain = line.Seconds("activation-drain-seconds", drain.TotalSeconds);
        var settle = line.Seconds("settle-seconds", 5);
        var activate = line.Flag("activate");
        // Keeps server and partners up at the end, e.g. for `dotnet-gcdump collect -p PID` (the PID is printed).
        var hold = line.Seconds("hold-seconds", 0);
        // Locations imported (untimed) before the measured import, so it meets code the JIT has compiled already: a
        // server that has run an import before. They come after the measured estate's ids.
        var warmUp = line.Int("warm-up-locations", 0);
        var keys = SharedOptions.Keys(line);
        var launchOptions = TargetArguments.Launch(line);
        line.EnsureAllUsed();
        if (files < 1 || files > locations)
        {
            throw new ArgumentException("--files is 1..locations (each file is one all-or-nothing import request).");
        }

        var log = Console.Out;
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        await using var target = await TargetFactory.LaunchStatusGridAsync(launchOptions);
        return await target.RunAsync(async t =>
        {
            await using var fleet = partnerCount > 0 ? await EmspFleet.StartAsync(new FleetOptions { Partners = partnerCount }) : null;
            using var client = new StatusGridClient(t.BaseUrls, keys);
            var settings = ScenarioPresets.For("steady");
            // Watched from before the import: a PUT may reach a partner before the import's answer reaches us.
            var puts = new LocationPutWatch([.. Enumerable.Range(0, locations).Select(catalog.LocationId)], partnerCount);
            if (fleet is not null)
            {
                fleet.Recorder.Listener = puts.OnArrival;
                await Setup.RegisterPartnersAsync(client, fleet, settings, CancellationToken.None);
            }

            var rssBefore = t.RssMb;
            var bodies = new List<byte[]>(files);
            var perFile = (locations + files - 1) / files;
            for (var first = 0; first < locations; first += perFile)
            {
                bodies.Add(LocationJson.ImportBody(catalog, first, Math.Min(perFile, locations - first)));
            }

            if (warmUp > 0)
            {
                var warmCatalog = new EvseCatalog(locations + warmUp, evsesPerLocation);
                var warmClock = Stopwatch.StartNew();
                await client.ImportAsync(LocationJson.ImportBody(warmCatalog, locations, warmUp), CancellationToken.None);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"warm-up: {warmUp:N0} other locations imported first in {warmClock.Elapsed.TotalSeconds:N2} s (not measured)"));
            }

            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"importing {locations:N0} locations × {evsesPerLocation} = {catalog.Count:N0} EVSEs in {bodies.Count} file(s) of {bodies.Average(b => b.Length) / 1e6:N1} MB; load average {load}"));
            var clock = Stopwatch.StartNew();
            foreach (var body in bodies)
            {
                await client.ImportAsync(body, CancellationToken.None);
            }

            var imported = clock.Elapsed;
            var rssImported = t.RssMb;
            // The server's own progress lines: how long the transaction took, apart from reading and validating the file.
            foreach (var serverLine in t.LogTail(400).Split('\n').Where(l => l.Contains("Import:", StringComparison.Ordinal) && !l.Contains('/', StringComparison.Ordinal)))
            {
                log.WriteLine("  server:" + serverLine.Trim().Replace("Import:", "", StringComparison.Ordinal));
            }

            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"import answered after {imported.TotalSeconds:N2} s: {catalog.Count / imported.TotalSeconds:N0} EVSEs/s, {locations / imported.TotalSeconds:N0} locations/s; RSS {rssBefore:N0} → {rssImported:N0} MB{t.RssPerProcess}"));

            TimeSpan? delivered = null;
            if (fleet is not null)
            {
                var idle = await WaitForDeliveryAsync(client, puts, [.. fleet.Partners.Select(p => p.Id)], drain, log);
                delivered = idle ? clock.Elapsed : null;
                var stats = fleet.Report();
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mock eMSPs received {stats.Puts:N0} PUTs and {stats.Patches:N0} PATCHes in all"));
                log.WriteLine(idle
                    ? string.Create(CultureInfo.InvariantCulture, $"partners idle {delivered!.Value.TotalSeconds:N1} s after the import started")
                    : string.Create(CultureInfo.InvariantCulture, $"partners still busy {drain.TotalSeconds:N0} s after the import answered"));
            }

            await Task.Delay(settle);
            var rssSettled = t.RssMb;
            var loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RSS {settle.TotalSeconds:N0} s later: {rssSettled:N0} MB{t.RssPerProcess} ({(rssSettled - rssBefore) * 1024 * 1024 / catalog.Count:N0} bytes per EVSE over the empty server); load average {loadAfter}"));
            var rssActive = double.NaN;
            if (activate)
            {
                var sent = Stopwatch.StartNew();
                var applied = await ActivateAllAsync(client, catalog);
                await Task.Delay(settle);
                rssActive = t.RssMb;
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"one change per EVSE ({applied:N0} applied in {sent.Elapsed.TotalSeconds:N1} s, every EVSE grain active): RSS {rssActive:N0} MB{t.RssPerProcess} = {(rssActive - rssBefore) * 1024 * 1024 / catalog.Count:N0} bytes per EVSE over the empty server"));
                if (fleet is not null && activationDrain > TimeSpan.Zero)
                {
                    // The RSS above includes the partners' pushes of those changes still under way.
                    var pushed = Stopwatch.StartNew();
                    var idle = await Setup.WaitForIdleAsync(client, [.. fleet.Partners.Select(p => p.Id)], activationDrain);
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"partners {(idle ? "idle" : "still busy")} {pushed.Elapsed.TotalSeconds:N1} s later: RSS {t.RssMb:N0} MB{t.RssPerProcess}"));
                }
            }

            if (hold > TimeSpan.Zero)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"holding {hold.TotalSeconds:N0} s; server PID {t.Pids[0]}"));
                await Task.Delay(hold);
            }

            log.WriteLine();
            log.WriteLine("| date (UTC) | command | target | estate | import s | EVSEs/s | partners idle after s | RSS before / after import / settled / all EVSE grains active MB | load avg before / after | machine |");
            log.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {DateTime.UtcNow:yyyy-MM-dd HH:mm} | `{command}` | {t.Description} | {locations:N0} × {evsesPerLocation} in {bodies.Count} file(s), {partnerCount} partners | {imported.TotalSeconds:N2} | {catalog.Count / imported.TotalSeconds:N0} | {(partnerCount == 0 ? "–" : delivered is { } d ? d.TotalSeconds.ToString("N1", CultureInfo.InvariantCulture) : "not within bound")} | {rssBefore:N0} / {rssImported:N0} / {rssSettled:N0} / {(double.IsNaN(rssActive) ? "–" : rssActive.ToString("N0", CultureInfo.InvariantCulture))} | {load} / {loadAfter} | {MachineInfo.Describe()} |"));
            return 0;
        }, log);
    }

    /// <summary>
    /// Waits, up to <paramref name="timeout"/>, until every partner has accepted a PUT of every imported Location and
    /// then has nothing queued, pending or in flight. Idle alone proves nothing: right after the import answers, the
    /// fan-out may not have handed the new Locations to the partners yet, and they look idle. What is still missing
    /// at the bound is reported. A partner list that times out (a busy partner grain) is reported too, not fatal.
    /// </summary>
    internal static async Task<bool> WaitForDeliveryAsync(StatusGridClient client, LocationPutWatch puts, IReadOnlyCollection<string> partnerIds, TimeSpan timeout, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        if (!await puts.WaitAsync(timeout))
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {puts.Missing:N0} of {puts.Expected:N0} Location PUTs not received within {timeout.TotalSeconds:N0} s"));
            return false;
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  every partner had every imported Location {clock.Elapsed.TotalSeconds:N1} s after the import answered"));
        while (clock.Elapsed < timeout)
        {
            try
            {
                if (await Setup.WaitForIdleAsync(client, partnerIds, timeout - clock.Elapsed))
                {
                    return true;
                }
            }
            catch (HttpRequestException ex)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  partner list failed after {clock.Elapsed.TotalSeconds:N1} s: {ex.Message.Split('\n')[0]}"));
            }
        }

        return false;
    }

    /// <summary>
    /// One status change per EVSE (200 per request, 2 requests in flight), so every EVSE grain is activated. A request
    /// the server answers 503 (EVSEs not answering within its deadline) is sent again, up to 10 times.
    /// </summary>
    private static async Task<long> ActivateAllAsync(StatusGridClient client, EvseCatalog catalog)
    {
        const int Batch = 200;
        var observed = Workload.ChangeBatch.FormatObservedAt(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        long applied = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, (catalog.Count + Batch - 1) / Batch), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (chunk, ct) =>
        {
            var changes = Enumerable.Range(chunk * Batch, Math.Min(Batch, catalog.Count - (chunk * Batch)))
                .Select(e => new { location_id = catalog.LocationOf(e), evse_uid = catalog.EvseUid(e), status = "CHARGING", observed_at = observed });
            var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { changes });
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var result = await client.IngestAsync(body, ct);
                    Interlocked.Add(ref applied, result.Applied + result.Duplicates);
                    return;
                }
                catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && attempt < 10)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), ct);
                }
            }
        });
        return applied;
    }

}
