using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;
using StatusGrid.AllocationReport;

// What a traced process allocated, by type and by call site, from the runtime's AllocationTick events (dotnet-trace
// with the GC keyword at verbose level: one event per ~100 KB allocated, naming the type whose allocation crossed the
// mark and carrying its stack, so a type's or a site's share of the events estimates its share of the bytes). Divided
// by the changes the run made in the traced window, it says what a status change costs in allocations and where to
// look first.
//
//   dotnet run --project load/StatusGrid.AllocationReport -- <trace.nettrace> <changes in the window> [top N]
if (args.Length < 2 || !long.TryParse(args[1], out var changes) || changes <= 0)
{
    Console.Error.WriteLine("usage: StatusGrid.AllocationReport <trace.nettrace> <changes in the traced window> [top N]");
    return 2;
}

var top = args.Length > 2 && int.TryParse(args[2], out var n) ? n : 30;
const int TypesWithSites = 3;
const int SitesPerType = 6;
var byType = new Dictionary<string, long>(StringComparer.Ordinal);
var samples = new List<(string Type, long Bytes, string Site)>();
long total = 0;
var collections = 0;
var pausedMs = 0.0;
double? suspendedAt = null;
using (var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0])))
{
    foreach (var e in log.Events)
    {
        switch (e)
        {
            case GCAllocationTickTraceData tick:
                var type = tick.TypeName is { Length: > 0 } name ? name : "(unnamed)";
                byType[type] = byType.GetValueOrDefault(type) + tick.AllocationAmount64;
                total += tick.AllocationAmount64;
                samples.Add((type, tick.AllocationAmount64, Site(tick.CallStack())));
                break;
            case GCStartTraceData:
                collections++;
                break;
            case GCSuspendEETraceData suspend:
                suspendedAt = suspend.TimeStampRelativeMSec;
                break;
            case GCNoUserDataTraceData restarted when restarted.EventName == "GC/RestartEEStop" && suspendedAt is { } at:
                pausedMs += restarted.TimeStampRelativeMSec - at;
                suspendedAt = null;
                break;
        }
    }
}

if (total == 0)
{
    Console.Error.WriteLine("No AllocationTick events: trace with --providers Microsoft-Windows-DotNETRuntime:0x1:5.");
    return 1;
}

Console.WriteLine($"allocated (sampled): {total / 1e6:F1} MB = {total / (double)changes:F0} bytes per change over {changes:N0} changes");
Console.WriteLine($"collections: {collections}, paused {pausedMs:F0} ms in all = {pausedMs * 1000 / changes:F1} µs per change");
Console.WriteLine();
Console.WriteLine("| share | bytes per change | type |");
Console.WriteLine("| ---: | ---: | --- |");
var ranked = byType.OrderByDescending(t => t.Value).ToList();
foreach (var (type, bytes) in ranked.Take(top))
{
    Console.WriteLine($"| {bytes * 100.0 / total:F1} % | {bytes / (double)changes:F0} | `{type}` |");
}

foreach (var (type, bytes) in ranked.Take(TypesWithSites))
{
    Console.WriteLine();
    Console.WriteLine($"Where `{type}` is allocated (share of its bytes; the allocating frame, then the nearest StatusGrid frame):");
    foreach (var site in samples.Where(s => s.Type == type).GroupBy(s => s.Site).Select(g => (g.Key, Bytes: g.Sum(s => s.Bytes)))
        .OrderByDescending(s => s.Bytes).Take(SitesPerType))
    {
        Console.WriteLine($"  {site.Bytes * 100.0 / bytes,5:F1} %  {site.Key}");
    }
}

return 0;

// Lazily, innermost first: naming a site stops at the first frame of our own code.
static string Site(TraceCallStack? stack) => AllocationSites.Site(Methods(stack));

static IEnumerable<string?> Methods(TraceCallStack? stack)
{
    for (var frame = stack; frame is not null; frame = frame.Caller)
    {
        yield return frame.CodeAddress.FullMethodName;
    }
}
