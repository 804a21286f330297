using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using StatusGrid.LoadDriver.Api;
using StatusGrid.LoadDriver.Cli;
using StatusGrid.LoadDriver.Target;
using StatusGrid.LoadDriver.Workload;
using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Commands;

/// <summary>
/// <c>coldstart</c>: how long a silo holding a whole estate takes from <c>exec</c> to serving (issue 16's cold-start
/// row). The estate is imported once into an embedded-default database; each start then gets a fresh copy of that
/// file and is timed from the process start to <c>/healthz/ready</c> answering 200 (asked every 20 ms), and to its
/// first answers: a Location PUT (a new Location) and one status change of an imported EVSE, sent together.
/// </summary>
internal static class ColdStartCommand
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public static async Task<int> ExecuteAsync(CommandLine line, string command)
    {
        var catalog = new EvseCatalog(line.Int("locations", 10_000), line.Int("evses-per-location", 10)); // no partners: the start alone
        var starts = line.Int("starts", 6);
        // The Dockerfile's ReadyToRun publish (load/cold-start.sh makes one); by default the Release build.
        var dll = Path.GetFullPath(line.Text("app") ?? RepoPaths.ServerDll());
        line.EnsureAllUsed();
        if (starts < 1 || !File.Exists(dll))
        {
            throw new ArgumentException(starts < 1 ? "--starts is at least 1." : $"--app {dll} does not exist.");
        }

        var log = Console.Out;
        var data = Directory.CreateTempSubdirectory("statusgrid-coldstart-").FullName;
        try
        {
            var template = Path.Combine(data, "template");
            Directory.CreateDirectory(template);
            var clock = Stopwatch.StartNew();
            await using (var server = await StartAsync(dll, template, readyPath: "/healthz", TimeSpan.FromMilliseconds(200)))
            {
                using var client = new StatusGridClient([server.BaseUrl], new ApiKeys());
                await client.ImportAsync(LocationJson.ImportBody(catalog, 0, catalog.Locations), CancellationToken.None);
                await server.TerminateAsync(TimeSpan.FromSeconds(30)); // graceful: the WAL is checkpointed into the file
            }

            var size = Directory.GetFiles(template).Sum(f => new FileInfo(f).Length);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"database: {catalog.Locations:N0} locations × {catalog.EvsesPerLocation} = {catalog.Count:N0} EVSEs, {size / 1e6:N0} MB, imported in {clock.Elapsed.TotalSeconds:N1} s; server {dll}"));

            var ready = new List<double>();
            var answered = new List<double>();
            for (var start = 1; start <= starts; start++)
            {
                var directory = Path.Combine(data, $"start{start}");
                Directory.CreateDirectory(directory);
                foreach (var file in Directory.GetFiles(template, "statusgrid.db*"))
                {
                    File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
                }

                var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
                await using var server = await StartAsync(dll, directory, readyPath: "/healthz/ready", TimeSpan.FromMilliseconds(20));
                var readySeconds = Stopwatch.GetElapsedTime(server.StartedAt).TotalSeconds;
                using var client = new StatusGridClient([server.BaseUrl], new ApiKeys());
                await Task.WhenAll(
                    client.PutLocationAsync(EvseCatalog.LocationIdOf(catalog.Locations + start), NewLocation(catalog, start), CancellationToken.None),
                    IngestOneAsync(client, catalog, start));
                var answeredSeconds = Stopwatch.GetElapsedTime(server.StartedAt).TotalSeconds;
                ready.Add(readySeconds);
                answered.Add(answeredSeconds);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"start {start}: ready {readySeconds:N2} s, first PUT + ingest answered {answeredSeconds:N2} s (load average before {load})"));
                await server.TerminateAsync(TimeSpan.FromSeconds(30));
            }

            log.WriteLine();
            log.WriteLine($"`{command}`");
            log.WriteLine();
            log.WriteLine("| ready s | first PUT + ingest answered s |");
            log.WriteLine("| --- | --- |");
            log.WriteLine($"| {Series(ready)} | {Series(answered)} |");
            return 0;
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static Task<LaunchedProcess> StartAsync(string dll, string directory, string readyPath, TimeSpan poll)
    {
        var url = new Uri($"http://127.0.0.1:{FreeLoopbackPorts.Take(1)[0]}");
        var args = TargetFactory.CommonArguments(dll);
        args.Add("--StatusGrid:Storage:ConnectionString=Data Source=" + Path.Combine(directory, "statusgrid.db"));
        args.Add("--urls=" + url.ToString().TrimEnd('/'));
        return LaunchedProcess.StartAsync(dll, args, url, Path.Combine(directory, "server.log"), StartTimeout, readyPath: readyPath, poll: poll);
    }

    /// <summary>A Location the estate does not have yet (its id is past the catalog's), one per start.</summary>
    private static byte[] NewLocation(EvseCatalog catalog, int start)
    {
        var wider = new EvseCatalog(catalog.Locations + start + 1, catalog.EvsesPerLocation);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            LocationJson.WriteLocation(writer, wider, catalog.Locations + start);
        }

        return buffer.ToArray();
    }

    /// <summary>One change of an imported EVSE (a different one each start), observed now.</summary>
    private static async Task IngestOneAsync(StatusGridClient client, EvseCatalog catalog, int start)
    {
        var evse = start * 7919 % catalog.Count;
        var body = Encoding.UTF8.GetBytes($$"""
            {"changes":[{"location_id":"{{catalog.LocationOf(evse)}}","evse_uid":"{{catalog.EvseUid(evse)}}","status":"CHARGING","observed_at":"{{ChangeBatch.FormatObservedAt(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())}}"}]}
            """);
        var result = await client.IngestAsync(body, CancellationToken.None);
        if (result.Applied != 1)
        {
            throw new InvalidOperationException($"The first change after start {start} was not applied: {JsonSerializer.Serialize(result, IngestJson.Options)}.");
        }
    }

    private static string Series(List<double> values)
    {
        var sorted = values.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        return string.Join(" / ", values.Select(v => v.ToString("N2", CultureInfo.InvariantCulture)))
            + string.Create(CultureInfo.InvariantCulture, $" (median {median:N2}, {sorted[0]:N2}–{sorted[^1]:N2})");
    }
}
