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
    private readonly ConcurrentBag<(long Sent, double Ms)> _samples = [];
    private long _patches;

    public long Patches => Interlocked.Read(ref _patches);

    /// <summary>StatusNotifications matched to their PATCH so far.</summary>
    public int Matched => _samples.Count;

    /// <summary>The matched delays, sorted.</summary>
    public double[] SortedLatenciesMs() => [.. _samples.Select(s => s.Ms).Order()];

    /// <summary>The <paramref name="p"/> quantile (0–1) of <paramref name="sorted"/>; NaN when it is empty.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>
    /// p99 of the matched delays by window of sending time from <paramref name="start"/> (a stopwatch timestamp): a
    /// tail made of one stall shows as one high window, one spread over the phase as every window high.
    /// </summary>
    public IReadOnlyList<double> P99ByWindow(long start, TimeSpan window) =>
        [.. _samples.GroupBy(s => (int)(Stopwatch.GetElapsedTime(start, s.Sent) / window))
            .OrderBy(g => g.Key)
            .Select(g => Percentile([.. g.Select(s => s.Ms).Order()], 0.99))];

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

    private void Record(long sent, long arrived) => _samples.Add((sent, Stopwatch.GetElapsedTime(sent, arrived).TotalMilliseconds));

    /// <summary>Starts a new phase: what the previous phase sent or received no longer counts.</summary>
    public void ClearLatencies()
    {
        lock (_gate)
        {
            _sent.Clear();
            _early.Clear();
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
