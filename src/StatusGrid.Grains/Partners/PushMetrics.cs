using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using StatusGrid.Contracts.Partners;

namespace StatusGrid.Grains.Partners;

/// <summary>Per-partner push metrics (meter "StatusGrid"), exportable through OpenTelemetry.</summary>
public static class PushMetrics
{
    public const string MeterName = "StatusGrid";
    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<string, PartnerHealth> Health = new();

    private static readonly Counter<long> Successes = Meter.CreateCounter<long>("statusgrid.push.successes", description: "Pushes a partner accepted");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("statusgrid.push.failures", description: "Failed pushes by kind");
    private static readonly Counter<long> Coalesced = Meter.CreateCounter<long>("statusgrid.push.coalesced", description: "Pending changes replaced by a newer one");
    private static readonly Counter<long> Rejections = Meter.CreateCounter<long>("statusgrid.push.rejections", description: "Pushes a partner refused (client errors)");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("statusgrid.push.duration", "ms", "Push request duration");

    static PushMetrics()
    {
        Meter.CreateObservableGauge("statusgrid.push.queue_depth", () => Observe(h => h.QueueDepth), description: "EVSEs pending per partner");
        Meter.CreateObservableGauge("statusgrid.push.in_flight", () => Observe(h => h.InFlight), description: "Requests in flight per partner");
        Meter.CreateObservableGauge("statusgrid.push.oldest_pending_seconds",
            () => Health.Values.Select(h => new Measurement<double>(h.OldestPendingAge?.TotalSeconds ?? 0, new KeyValuePair<string, object?>("partner", h.PartnerId))),
            unit: "s");
        Meter.CreateObservableGauge("statusgrid.push.circuit_open",
            () => Observe(h => h.CircuitState == nameof(CircuitState.Closed) ? 0 : 1), description: "1 while the partner's circuit is open or half-open");
        Meter.CreateObservableGauge("statusgrid.push.worst_lag_seconds",
            () => Health.Values.Select(h => new Measurement<double>(h.WorstLag?.TotalSeconds ?? 0, new KeyValuePair<string, object?>("partner", h.PartnerId))),
            unit: "s", description: "Age of the oldest change a partner does not have yet");
        Meter.CreateObservableGauge("statusgrid.push.freshness_share",
            () => Health.Values.Where(h => h.FreshnessShare is not null)
                .Select(h => new Measurement<double>(h.FreshnessShare!.Value, new KeyValuePair<string, object?>("partner", h.PartnerId))),
            description: "Share of recent deliveries within the freshness objective");
        Meter.CreateObservableGauge("statusgrid.push.freshness_breached",
            () => Observe(h => h.FreshnessBreached ? 1 : 0), description: "1 while a partner misses the freshness objective");
        Meter.CreateObservableGauge("statusgrid.push.rejected_objects",
            () => Observe(h => h.Rejections.Length), description: "Objects whose last push the partner refused");
    }

    public static void Success(string partnerId, double milliseconds)
    {
        var tag = new KeyValuePair<string, object?>("partner", partnerId);
        Successes.Add(1, tag);
        Duration.Record(milliseconds, tag);
    }

    public static void Failure(string partnerId, string kind, double milliseconds)
    {
        Failures.Add(1, new TagList { { "partner", partnerId }, { "kind", kind } });
        Duration.Record(milliseconds, new KeyValuePair<string, object?>("partner", partnerId));
    }

    public static void Rejected(string partnerId) => Rejections.Add(1, new KeyValuePair<string, object?>("partner", partnerId));

    public static void CoalescedOne(string partnerId) => Coalesced.Add(1, new KeyValuePair<string, object?>("partner", partnerId));

    public static void Report(PartnerHealth health) => Health[health.PartnerId] = health;

    public static void Forget(string partnerId) => Health.TryRemove(partnerId, out _);

    private static IEnumerable<Measurement<int>> Observe(Func<PartnerHealth, int> value) =>
        Health.Values.Select(h => new Measurement<int>(value(h), new KeyValuePair<string, object?>("partner", h.PartnerId)));
}
