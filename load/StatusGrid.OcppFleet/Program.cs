using System.Diagnostics;
using StatusGrid.OcppFleet;

// A fleet of simulated OCPP charge points (half 1.6, half 2.0.1) against a StatusGrid server it launches itself:
// memory per connection, StatusNotification → partner PATCH latency at a fixed rate, and the reconnect storm after
// the server is killed and restarted. Loopback only; every phase is bounded.
//   dotnet run -c Release --project load/StatusGrid.OcppFleet -- --charge-points 2000 --rate 500 --seconds 30
var options = FleetOptions.Parse(args);
FleetLimits.Ensure(options.ChargePoints);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()} at {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
var dataDirectory = options.DataDirectory ?? Directory.CreateTempSubdirectory("statusgrid-ocppfleet-").FullName;
Directory.CreateDirectory(dataDirectory);
var receiver = new PatchReceiver();
await using var receiverApp = await receiver.StartAsync();
var receiverBase = receiverApp.Urls.First();
// Production mode refuses keys shorter than 32 characters: a fresh random one per run.
var adminKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(33));
using var server = new FleetServer(options.ServerDll, dataDirectory, options.Port, adminKey);
// A bounded run (timeout 120) must not leave the server running: SIGTERM/SIGINT kill it and end the fleet.
using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Stop);
using var onInt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Stop);
await server.StartAsync();
using var admin = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
admin.DefaultRequestHeaders.Add("X-Api-Key", adminKey);

var setupWatch = Stopwatch.StartNew();
using var secrets = FleetSecrets.Open(dataDirectory);
var registered = await FleetSetup.RunAsync(admin, options.ChargePoints, receiverBase, secrets);
Console.WriteLine($"setup: {options.ChargePoints} charge points, {(options.ChargePoints + 9) / 10} locations, registered in {setupWatch.Elapsed.TotalSeconds:F1} s ({registered} registered in this run with generated secrets, in {dataDirectory}/{FleetSecrets.FileName}; server pid {server.ProcessId}, {server.BaseAddress}, data {dataDirectory})");
if (options.SetupOnly)
{
    return 0;
}

GC.Collect();
await Task.Delay(2000);
var rssBefore = server.ResidentBytes();

var fleet = Enumerable.Range(0, options.ChargePoints)
    .Select(n => new SimulatedChargePoint(FleetSetup.Identity(n), v201: n % 2 == 1, secrets[FleetSetup.Identity(n)])).ToArray();
var connectWatch = Stopwatch.StartNew();
long connectRetries = 0;
var connectedCount = 0;
// Progress every 10 s, so a run cut short by its bound still shows how fast stations came in.
using var progress = new Timer(_ => Console.WriteLine(
    $"  {connectWatch.Elapsed.TotalSeconds:F0} s: {Volatile.Read(ref connectedCount)} connected and booted, {Interlocked.Read(ref connectRetries)} retried attempts, server RSS {server.ResidentBytes() / 1048576.0:F0} MiB"),
    null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
await Parallel.ForEachAsync(fleet, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (cp, ct) =>
{
    // Like a real station: a refused or reset attempt is retried after 0.5–1.5 s.
    for (var attempt = 1; ; attempt++)
    {
        try
        {
            await cp.ConnectAsync(server.BaseAddress, ct);
            await cp.BootAsync(ct);
            Interlocked.Increment(ref connectedCount);
            return;
        }
        catch (Exception ex) when (attempt < 20 && ex is System.Net.WebSockets.WebSocketException or InvalidOperationException or HttpRequestException)
        {
            Interlocked.Increment(ref connectRetries);
            await Task.Delay(500 + Random.Shared.Next(1000), ct);
        }
    }
});
await progress.DisposeAsync();
Console.WriteLine($"connect+boot of {fleet.Length}: {connectWatch.Elapsed.TotalSeconds:F1} s ({connectRetries} retried attempts)");
await Task.Delay(3000);
var rssAfter = server.ResidentBytes();
Console.WriteLine($"server RSS {rssBefore / 1048576.0:F0} MiB → {rssAfter / 1048576.0:F0} MiB: {(rssAfter - rssBefore) / (double)fleet.Length / 1024:F1} KiB per connection");

// Steady: status changes at a fixed rate, stations round-robin; a station whose previous CALL is still open is skipped.
var busy = new bool[fleet.Length];
var inCall = new int[fleet.Length];
long sent = 0, skipped = 0, failed = 0;
var interval = TimeSpan.FromSeconds(1.0 / options.Rate);
var steady = Stopwatch.StartNew();
var steadyStart = Stopwatch.GetTimestamp();
var next = 0;
var calls = new List<Task>();
while (steady.Elapsed < TimeSpan.FromSeconds(options.Seconds))
{
    var due = TimeSpan.FromTicks(interval.Ticks * Interlocked.Read(ref sent) + interval.Ticks * Interlocked.Read(ref skipped));
    if (due > steady.Elapsed)
    {
        await Task.Delay(due - steady.Elapsed > TimeSpan.FromMilliseconds(2) ? due - steady.Elapsed : TimeSpan.FromMilliseconds(1));
        continue;
    }

    var i = next;
    next = (next + 1) % fleet.Length;
    if (Interlocked.CompareExchange(ref inCall[i], 1, 0) != 0)
    {
        Interlocked.Increment(ref skipped);
        continue;
    }

    Interlocked.Increment(ref sent);
    busy[i] = !busy[i];
    calls.Add(Task.Run(async () =>
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            var at = await fleet[i].ReportAsync(busy[i], CancellationToken.None);
            receiver.Sent(FleetSetup.EvseUid(i), at, started);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Interlocked.Increment(ref failed);
        }
        finally
        {
            Volatile.Write(ref inCall[i], 0);
        }
    }));
}

await Task.WhenAll(calls);
var steadyTime = steady.Elapsed;
var achieved = sent / steadyTime.TotalSeconds;
await Task.Delay(TimeSpan.FromSeconds(5));
var latencies = receiver.SortedLatenciesMs();
Console.WriteLine($"steady: {sent} StatusNotifications in {steadyTime.TotalSeconds:F1} s ({achieved:F0}/s; {skipped} skipped, {failed} failed); "
    + $"matched PATCHes {latencies.Length}; StatusNotification → PATCH p50 {PatchReceiver.Percentile(latencies, 0.50):F1} ms, p99 {PatchReceiver.Percentile(latencies, 0.99):F1} ms, max {latencies.LastOrDefault():F1} ms");
// The first 5 s send each station's first change (at 2,000/s over 10,000 stations), each to an EVSE grain the boots did
// not wake: a tail of cold activations shows in the first windows, the steady state in the others.
Console.WriteLine($"  p99 by 5 s of sending: {string.Join(' ', receiver.P99ByWindow(steadyStart, TimeSpan.FromSeconds(5)).Select(ms => ms.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))} ms");

if (options.Storm)
{
    // Reconnect storm: SIGKILL the server (no close frames), restart it on the same database, and every station
    // reconnects (retrying every 0.5–1.5 s) and reports a change. No new BootNotification: the stations did not
    // reboot, and OCPP-J sends one on a reconnect only when boot data changed.
    server.Kill();
    foreach (var cp in fleet)
    {
        cp.Abort();
    }

    receiver.ClearLatencies();
    await server.StartAsync();
    var storm = Stopwatch.StartNew();
    var reconnected = 0;
    await using var stormProgress = new Timer(_ => Console.WriteLine(
        $"  storm {storm.Elapsed.TotalSeconds:F0} s: {Volatile.Read(ref reconnected)} reconnected and reported, {receiver.Matched} PATCHes"),
        null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    await Parallel.ForEachAsync(Enumerable.Range(0, fleet.Length), new ParallelOptions { MaxDegreeOfParallelism = 256 }, async (i, ct) =>
    {
        // One change per station, decided once: a retry after a failed attempt repeats it (toggling again would
        // send the status the server already holds, a duplicate that rightly makes no PATCH).
        busy[i] = !busy[i];
        while (storm.Elapsed < TimeSpan.FromSeconds(options.StormLimitSeconds))
        {
            try
            {
                await fleet[i].ConnectAsync(server.BaseAddress, ct);
                var started = Stopwatch.GetTimestamp();
                var at = await fleet[i].ReportAsync(busy[i], ct);
                receiver.Sent(FleetSetup.EvseUid(i), at, started);
                Interlocked.Increment(ref reconnected);
                return;
            }
            catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or InvalidOperationException or HttpRequestException)
            {
                await Task.Delay(500 + Random.Shared.Next(1000), ct);
            }
        }
    });
    var allBack = storm.Elapsed;
    await stormProgress.DisposeAsync();
    while (receiver.Matched < reconnected && storm.Elapsed < TimeSpan.FromSeconds(options.StormLimitSeconds + 30))
    {
        await Task.Delay(100);
    }

    Console.WriteLine($"storm: {reconnected}/{fleet.Length} reconnected and reported within {allBack.TotalSeconds:F1} s of the restart; "
        + $"{receiver.Matched} of their PATCHes arrived by {storm.Elapsed.TotalSeconds:F1} s");
}

if (options.DataDirectory is null)
{
    Directory.Delete(dataDirectory, recursive: true);
}

return 0;

void Stop(System.Runtime.InteropServices.PosixSignalContext context)
{
    Console.WriteLine($"stopped by {context.Signal}: killing the server (pid {server.ProcessId})");
    server.Dispose();
    Environment.Exit(2);
}

