using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace StatusGrid.OcppFleet;

/// <summary>
/// A minimal OCPI Locations receiver on loopback. Matches each EVSE PATCH to the StatusNotification that caused it by
/// EVSE and last_updated (= the OCPP timestamp), and records the delay from sending the CALL to the PATCH arriving.
/// The PATCH may arrive before the station has read its CALLRESULT (and called <see cref="Sent"/>): it is kept until
/// then, so a fast server's PATCH is not left out of the count.
/// </summary>
public sealed class PatchReceiver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Evse, long Ms), long> _sent = [];
    private readonly Dictionary<(string Evse, long Ms), long> _early = [];
    private readonly ConcurrentBag<double> _latenciesMs = [];
    private readonly ConcurrentBag<(long Sent, double Ms)> _samples = [];
    private long _patches;

    public long Patches => Interlocked.Read(ref _patches);

    public IReadOnlyCollection<double> LatenciesMs => _latenciesMs;

    /// <summary>
    /// p99 of the matched delays by window of sending time from <paramref name="start"/> (a stopwatch timestamp): a
    /// tail made of one stall shows as one high window, one spread over the phase as every window high.
    /// </summary>
    public IReadOnlyList<double> P99ByWindow(long start, TimeSpan window) =>
        [.. _samples.GroupBy(s => (int)(Stopwatch.GetElapsedTime(start, s.Sent) / window))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var sorted = g.Select(s => s.Ms).Order().ToArray();
                return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(0.99 * sorted.Length) - 1)];
            })];

    public void Sent(string evseUid, DateTimeOffset observedAt, long stopwatchTimestamp)
    {
        var key = (evseUid.ToUpperInvariant(), observedAt.ToUnixTimeMilliseconds());
        lock (_gate)
        {
            if (_early.Remove(key, out var arrived))
            {
                Record(stopwatchTimestamp, arrived);
                return;
            }

            _sent[key] = stopwatchTimestamp;
        }
    }

    private void Arrived((string Evse, long Ms) key, long arrived)
    {
        lock (_gate)
        {
            if (_sent.Remove(key, out var sent))
            {
                Record(sent, arrived);
                return;
            }

            _early[key] = arrived;
        }
    }

    private void Record(long sent, long arrived)
    {
        var ms = Stopwatch.GetElapsedTime(sent, arrived).TotalMilliseconds;
        _latenciesMs.Add(ms);
        _samples.Add((sent, ms));
    }

    /// <summary>Starts a new phase: what the previous phase sent or received no longer counts.</summary>
    public void ClearLatencies()
    {
        lock (_gate)
        {
            _sent.Clear();
            _early.Clear();
            _latenciesMs.Clear();
            _samples.Clear();
        }
    }

    public async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var ok = """{"status_code":1000,"timestamp":"2026-01-01T00:00:00Z"}""";
        app.MapMethods("/ocpi/emsp/2.2.1/locations/{cc}/{party}/{location}/{evse}", ["PATCH"], async (string evse, HttpRequest request) =>
        {
            var arrived = Stopwatch.GetTimestamp();
            using var body = await JsonDocument.ParseAsync(request.Body);
            Interlocked.Increment(ref _patches);
            if (body.RootElement.TryGetProperty("last_updated", out var lu))
            {
                Arrived((evse.ToUpperInvariant(), DateTimeOffset.Parse(lu.GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds()), arrived);
            }

            return Results.Text(ok, "application/json");
        });
        app.MapMethods("/ocpi/emsp/2.2.1/locations/{**rest}", ["PUT", "PATCH", "GET"], () => Results.Text(ok, "application/json"));
        await app.StartAsync();
        return app;
    }
}
