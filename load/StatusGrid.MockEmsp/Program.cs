using System.Globalization;
using System.Runtime.InteropServices;
using StatusGrid.MockEmsp;

// The mock eMSP: dotnet run --project load/StatusGrid.MockEmsp [-- options]. See load/README.md ("The mock eMSP").
var arguments = MockArguments.Parse(args);
var options = arguments.ToOptions();
await using var fleet = await EmspFleet.StartAsync(options);

Console.WriteLine($"Mock eMSP: {fleet.Partners.Count} partner(s) on {options.ListenAddress}, no log line per push. Stop with Ctrl+C.");
foreach (var partner in fleet.Partners)
{
    var faults = options.FaultsFor(partner.Index);
    var baseUrl = options.BaseUrl(partner.Port);
    Console.WriteLine($"  {partner.Id}: Locations receiver {partner.LocationsUrl}");
    Console.WriteLine($"           versions {baseUrl}/ocpi/emsp/versions (token A: {options.TokenA})"
        + (faults.IsNone ? "" : $"  latency {faults.LatencyMs}+{faults.JitterMs} ms, errors {faults.ErrorRate.ToString("P0", CultureInfo.InvariantCulture)}"));
}

var first = options.BaseUrl(fleet.Partners[0].Port);
Console.WriteLine($"  what it received: GET {first}/received   counts: GET {first}/stats   latency: GET {first}/fleet/report");
Console.WriteLine($"  register with a CPO: POST {first}/mock/register {{\"versions_url\": \"...\", \"token\": \"<the CPO's token A>\"}}");

var stop = new TaskCompletionSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.TrySetResult();
});
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    stop.TrySetResult();
});
await stop.Task;
