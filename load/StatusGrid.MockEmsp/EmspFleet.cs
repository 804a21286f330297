using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace StatusGrid.MockEmsp;

/// <summary>
/// N mock eMSP Locations receivers on loopback, one port each, served by one Kestrel (cheaper than N hosts on two
/// cores). The partner is told apart by the local port. Each accepted PATCH/PUT is recorded with its arrival time.
/// Control endpoints on every port: <c>GET /fleet/report</c> (full-run histograms), <c>GET /fleet/latencies?max=</c>
/// (a uniform sample of the run), <c>POST /fleet/reset</c>, <c>GET /received</c> (registrations and the latest pushes),
/// <c>GET /stats</c>; the credentials handshake in both directions (<see cref="Handshake"/>); and a pull-only eMSP for
/// the pull scenario (<see cref="PullerEndpoints"/>). Nothing is logged per push.
/// </summary>
public sealed class EmspFleet : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly WebApplication _app;
    private readonly Dictionary<int, int> _partnerByPort;

    private readonly RecentPushes _recent;

    /// <summary>Null unless <see cref="FleetOptions.KeepCopies"/>.</summary>
    private readonly ReceiverCopies? _copies;

    private EmspFleet(WebApplication app, IReadOnlyList<FleetPartner> partners, ArrivalRecorder recorder, RecentPushes recent, ReceiverCopies? copies)
    {
        _app = app;
        _recent = recent;
        _copies = copies;
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
        var partners = ports.Select((port, i) => new FleetPartner(i, port, $"{options.BaseUrl(port)}/ocpi/emsp/2.2.1/locations")).ToList();

        var builder = WebApplication.CreateSlimBuilder();
        // No logging at all: a log line per push fills the console logger's queue and stalls the receiver.
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var port in ports)
            {
                kestrel.Listen(options.ListenAddress, port);
            }
        });
        var app = builder.Build();
        var fleet = new EmspFleet(app, partners, new ArrivalRecorder(options.Partners, options.MaxKeptSamples), new RecentPushes(options.RecentPushes),
            options.KeepCopies ? new ReceiverCopies(options.Partners) : null);
        var faults = new FaultInjector(options);
        var handshake = new Handshake(options);
        handshake.Map(app, fleet.PartnerOf);

        app.MapMethods("/ocpi/emsp/{version}/locations/{**path}", ["PATCH", "PUT"], (HttpContext context, string? path) =>
            fleet.ReceiveAsync(context, path, faults));
        if (fleet._copies is { } copies)
        {
            app.MapGet("/ocpi/emsp/{version}/locations/{**path}", (HttpContext context, string? path) =>
            {
                var target = PushTarget.Parse("GET", path);
                return copies.Get(fleet.PartnerOf(context), target.LocationId, target.EvseUid) is { } answer
                    ? Results.Bytes(answer, "application/json")
                    : OcpiAnswers.UnknownObject();
            });
        }
        app.MapPuller();
        app.MapGet("/fleet/report", () => Results.Json(fleet.Report(), Json));
        app.MapGet("/fleet/latencies", (int? max) => Results.Json(fleet.Recorder.Samples(Math.Clamp(max ?? options.MaxKeptSamples, 0, options.MaxKeptSamples)), Json));
        app.MapPost("/fleet/reset", () =>
        {
            fleet.Recorder.Reset();
            fleet._recent.Clear();
            return Results.NoContent();
        });
        // Counts of the partner asked (the port the request came in on).
        app.MapGet("/stats", (HttpContext context) =>
        {
            var partner = fleet.Report().Partners[fleet.PartnerOf(context)];
            return Results.Json(new { partner.Patches, partner.Puts, partner.InjectedErrors }, Json);
        });
        app.MapGet("/received", () => Results.Json(new
        {
            Partners = fleet.Partners.Select(p => new
            {
                p.Id,
                p.Port,
                VersionsUrl = $"{options.BaseUrl(p.Port)}/ocpi/emsp/versions",
                p.LocationsUrl,
                Registration = handshake.For(p.Index),
            }),
            Pushes = fleet._recent.Latest(),
        }, Json));
        await app.StartAsync(cancellationToken);
        return fleet;
    }

    private int PartnerOf(HttpContext context) => _partnerByPort.GetValueOrDefault(context.Connection.LocalPort);

    public FleetReport Report() => Recorder.Report([.. Partners.Select(p => (p.Port, p.LocationsUrl))]);

    private async Task ReceiveAsync(HttpContext context, string? path, FaultInjector faults)
    {
        // Arrival is the moment the request reached the handler, before the body is read or any fault applies.
        var arrivedTimestamp = Stopwatch.GetTimestamp();
        var arrivedMicros = UnixClock.NowMicros();
        var partner = PartnerOf(context);
        var target = PushTarget.Parse(context.Request.Method, path);
        (string? Status, long? LastUpdatedUnixMs) patch = default;
        byte[]? put = null;
        if (target.Kind == PushKind.EvsePatch)
        {
            patch = await ReadBodyAsync(context.Request.BodyReader, PatchBody.Read, context.RequestAborted);
        }
        else if (target.Kind == PushKind.LocationPut && _copies is not null)
        {
            put = await ReadBodyAsync(context.Request.BodyReader, body => System.Buffers.BuffersExtensions.ToArray(body), context.RequestAborted);
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

        if (_recent.Enabled)
        {
            _recent.Add(new RecentPush(DateTimeOffset.UtcNow, partner, context.Request.Method, context.Request.Path, patch.Status,
                patch.LastUpdatedUnixMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("O", System.Globalization.CultureInfo.InvariantCulture) : null,
                fail ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK));
        }

        if (fail)
        {
            Recorder.RecordInjectedError(partner);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        if (_copies is { } copies)
        {
            if (put is not null)
            {
                copies.Put(partner, target.LocationId, new System.Buffers.ReadOnlySequence<byte>(put));
            }
            else if (target.Kind == PushKind.EvsePatch
                && !copies.Patch(partner, target.LocationId, target.EvseUid!, patch.Status, patch.LastUpdatedUnixMs))
            {
                // A receiver that keeps copies cannot apply a PATCH to an object it does not hold (the sender PUTs it).
                await OcpiAnswers.UnknownObject().ExecuteAsync(context);
                return;
            }
        }

        Recorder.RecordAccepted(new Arrival(partner, target.Kind, target.LocationId, target.EvseUid, patch.LastUpdatedUnixMs, arrivedTimestamp, arrivedMicros));
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(OcpiAnswers.Success(), context.RequestAborted);
    }

    private static async Task<T> ReadBodyAsync<T>(PipeReader reader, Func<System.Buffers.ReadOnlySequence<byte>, T> read, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            if (result.IsCompleted || result.IsCanceled)
            {
                var value = read(result.Buffer);
                reader.AdvanceTo(result.Buffer.End);
                return value;
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
