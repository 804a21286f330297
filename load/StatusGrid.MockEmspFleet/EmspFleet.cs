using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace StatusGrid.MockEmspFleet;

/// <summary>
/// N mock eMSP Locations receivers on loopback, one port each, served by one Kestrel (cheaper than N hosts on two
/// cores). The partner is told apart by the local port. Each accepted PATCH/PUT is recorded with its arrival time.
/// Control endpoints on every port: <c>GET /fleet/report</c>, <c>GET /fleet/latencies?max=</c>, <c>POST /fleet/reset</c>;
/// and a pull-only eMSP for the credentials handshake of the pull scenario (<see cref="PullerEndpoints"/>).
/// </summary>
public sealed class EmspFleet : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly WebApplication _app;
    private readonly Dictionary<int, int> _partnerByPort;

    private EmspFleet(WebApplication app, IReadOnlyList<FleetPartner> partners, ArrivalRecorder recorder)
    {
        _app = app;
        Partners = partners;
        Recorder = recorder;
        _partnerByPort = partners.ToDictionary(p => p.Port, p => p.Index);
    }

    public IReadOnlyList<FleetPartner> Partners { get; }

    public ArrivalRecorder Recorder { get; }

    public static async Task<EmspFleet> StartAsync(FleetOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Partners, 1);
        var ports = options.BasePort > 0
            ? [.. Enumerable.Range(options.BasePort, options.Partners)]
            : FreeLoopbackPorts.Take(options.Partners);
        var partners = ports.Select((port, i) => new FleetPartner(i, port, $"http://127.0.0.1:{port}/ocpi/emsp/2.2.1/locations")).ToList();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var port in ports)
            {
                kestrel.Listen(IPAddress.Loopback, port);
            }
        });
        var app = builder.Build();
        var fleet = new EmspFleet(app, partners, new ArrivalRecorder(options.Partners, options.MaxKeptSamples));
        var faults = new FaultInjector(options);

        app.MapMethods("/ocpi/emsp/{version}/locations/{**path}", ["PATCH", "PUT"], (HttpContext context, string? path) =>
            fleet.ReceiveAsync(context, path, faults));
        app.MapPuller();
        app.MapGet("/fleet/report", () => Results.Json(fleet.Report(), Json));
        app.MapGet("/fleet/latencies", (int? max) => Results.Json(fleet.Recorder.Samples(Math.Clamp(max ?? options.MaxKeptSamples, 0, options.MaxKeptSamples)), Json));
        app.MapPost("/fleet/reset", () =>
        {
            fleet.Recorder.Reset();
            return Results.NoContent();
        });
        await app.StartAsync(cancellationToken);
        return fleet;
    }

    public FleetReport Report() => Recorder.Report([.. Partners.Select(p => (p.Port, p.LocationsUrl))]);

    private async Task ReceiveAsync(HttpContext context, string? path, FaultInjector faults)
    {
        // Arrival is the moment the request reached the handler, before the body is read or any fault applies.
        var arrivedTimestamp = Stopwatch.GetTimestamp();
        var arrivedMicros = UnixClock.NowMicros();
        var partner = _partnerByPort.GetValueOrDefault(context.Connection.LocalPort);
        var target = PushTarget.Parse(context.Request.Method, path);
        long? lastUpdated = null;
        if (target.Kind == PushKind.EvsePatch)
        {
            lastUpdated = await ReadLastUpdatedAsync(context.Request.BodyReader, context.RequestAborted);
        }
        else
        {
            // Location PUT bodies are large and not needed: drain them without buffering.
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        }

        var (delay, fail) = faults.Decide(partner);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        if (fail)
        {
            Recorder.RecordInjectedError(partner);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        Recorder.RecordAccepted(new Arrival(partner, target.Kind, target.LocationId, target.EvseUid, lastUpdated, arrivedTimestamp, arrivedMicros));
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(OcpiAnswers.Success(), context.RequestAborted);
    }

    private static async Task<long?> ReadLastUpdatedAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            if (result.IsCompleted || result.IsCanceled)
            {
                var lastUpdated = PatchBody.Read(result.Buffer).LastUpdatedUnixMs;
                reader.AdvanceTo(result.Buffer.End);
                return lastUpdated;
            }

            // Not all of it yet: consume nothing, ask for more.
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
