using System.Diagnostics;
using StatusGrid.LoadDriver.Measure;
using StatusGrid.LoadDriver.Report;
using StatusGrid.LoadDriver.Workload;
using StatusGrid.MockEmsp;

namespace StatusGrid.Load.Tests;

public sealed class DeliveryTrackerTests
{
    private readonly EvseCatalog _catalog = new(2, 2);
    private readonly SendRegistry _registry;
    private readonly DeliveryTracker _tracker;

    public DeliveryTrackerTests()
    {
        _registry = new SendRegistry(_catalog.Count);
        _tracker = new DeliveryTracker(_catalog, _registry, partners: 2);
    }

    [Fact]
    public void Latency_is_arrival_minus_the_exact_send_timestamp_once_per_partner()
    {
        var sent = Stopwatch.GetTimestamp();
        SendRegistry.MarkSent([_registry.Add(1, 1_000, measured: true)], sent);
        _tracker.PartnerTimeline.Start(sent);

        _tracker.OnArrival(Patch(partner: 0, evse: 1, ms: 1_000, at: sent + Ticks(5)));
        _tracker.OnArrival(Patch(partner: 0, evse: 1, ms: 1_000, at: sent + Ticks(9)));
        _tracker.OnArrival(Patch(partner: 1, evse: 1, ms: 1_000, at: sent + Ticks(7)));

        Assert.Equal(1, _tracker.UniqueFor(0));
        Assert.Equal(1, _tracker.RepeatsFor(0));
        Assert.Equal(1, _tracker.UniqueFor(1));
        Assert.InRange(_tracker.PerPartner[0].Summarize().Max, 4.99, 5.01);
        Assert.InRange(_tracker.PartnerLatency.Summarize().Max, 6.99, 7.01);
        Assert.Single(_tracker.PartnerTimeline.P99(5));
    }

    [Fact]
    public void Seconds_of_sending_whose_changes_were_all_superseded_have_no_p99_rather_than_zero()
    {
        var start = Stopwatch.GetTimestamp();
        var timeline = new LatencyTimeline();
        timeline.Start(start);
        timeline.Record(start + Ticks(100), micros: 40_000);
        timeline.Record(start + Ticks(11_000), micros: 30_000);

        var p99s = timeline.P99(5);

        Assert.Equal(3, p99s.Count);
        Assert.InRange(p99s[0]!.Value, 39.5, 40.5);
        Assert.Null(p99s[1]); // 5-10 s: every change sent then was superseded before delivery; not "0 ms"
        Assert.InRange(p99s[2]!.Value, 29.5, 30.5);
        Assert.Equal("–", ConsoleReport.Windows(p99s).Split(' ')[1]);
    }

    [Fact]
    public void Map_items_owed_count_each_accepted_measured_change_of_this_phase_once_per_watcher_of_its_location()
    {
        var registry = new SendRegistry(evses: 4);
        var before = Stopwatch.GetTimestamp();
        SendRegistry.MarkSent([registry.Add(0, 1_000, measured: true)], before); // an earlier phase
        var phase = before + Ticks(10);
        SendRegistry.MarkSent([registry.Add(1, 2_000, measured: false)], phase + Ticks(1)); // warm-up
        SendRegistry.MarkSent([registry.Add(2, 2_000, measured: true), registry.Add(3, 2_000, measured: true)], phase + Ticks(2));
        SendRegistry.MarkSent([registry.Add(2, 3_000, measured: true)], phase + Ticks(3));
        var failed = registry.Add(3, 3_000, measured: true);
        SendRegistry.MarkSent([failed], phase + Ticks(4));
        SendRegistry.MarkFailed([failed]);

        // EVSEs 0-1 at a location two clients watch, 2-3 at one three clients watch.
        var owed = registry.SumSentSince(phase, evse => evse < 2 ? 2 : 3);

        Assert.Equal(3 + 3 + 3, owed); // EVSE 2 twice, EVSE 3 once (its second change was refused)
    }

    [Fact]
    public void Unknown_states_and_warm_up_changes_are_counted_apart()
    {
        var sent = Stopwatch.GetTimestamp();
        SendRegistry.MarkSent([_registry.Add(0, 2_000, measured: false)], sent);

        _tracker.OnArrival(Patch(0, evse: 0, ms: 2_000, at: sent + Ticks(1)));
        _tracker.OnArrival(Patch(0, evse: 0, ms: 1_999, at: sent + Ticks(1)));
        _tracker.OnArrival(new Arrival(0, PushKind.LocationPut, "LD-000000", null, null, sent, 0));

        Assert.Equal(1, _tracker.WarmUpArrivals);
        Assert.Equal(1, _tracker.Uncorrelated);
        Assert.Equal(0, _tracker.UniqueFor(0));
        Assert.Equal(0, _tracker.PartnerLatency.Count);
    }

    [Fact]
    public void Dashboard_items_are_matched_by_uid_and_last_updated()
    {
        var ms = DateTimeOffset.Parse("2026-11-25T10:00:00.12Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var sent = Stopwatch.GetTimestamp();
        var record = _registry.Add(2, ms, measured: true);
        SendRegistry.MarkSent([record], sent);

        // The server writes 120 ms as ".12": parsing, not string comparison, matches it.
        _tracker.OnHubItem("LD-000001-E1", "2026-11-25T10:00:00.12Z", sent + Ticks(3));
        _tracker.OnHubItem("LD-000001-E1", "2026-11-25T10:00:00.999Z", sent + Ticks(3));

        Assert.Equal(2, _tracker.HubItems);
        Assert.Equal(1, _tracker.HubUncorrelated);
        Assert.Equal(1, record.HubDeliveries);
        Assert.InRange(_tracker.HubLatency.Summarize().P50, 2.99, 3.01);
    }

    [Fact]
    public void Latest_state_coverage_needs_every_partner_on_each_EVSEs_last_change()
    {
        var first = _registry.Add(0, 1, measured: true);
        var last = _registry.Add(0, 2, measured: true);
        var other = _registry.Add(3, 1, measured: true);
        first.PartnerMask = 0b11;
        last.PartnerMask = 0b01;
        other.PartnerMask = 0b11;

        Assert.Equal((2, 1, 0), _registry.LatestStateCoverage(0b11));
        last.PartnerMask = 0b11;
        Assert.Equal((2, 2, 0), _registry.LatestStateCoverage(0b11));
    }

    [Fact]
    public void A_last_change_in_a_refused_request_is_counted_apart_from_one_a_partner_missed()
    {
        // The driver does not resend what a 503 left unapplied: no partner can have it, which is not a delivery miss.
        var refused = _registry.Add(0, 2, measured: true);
        var missed = _registry.Add(1, 2, measured: true);
        var delivered = _registry.Add(2, 2, measured: true);
        SendRegistry.MarkFailed([refused]);
        delivered.PartnerMask = 0b11;
        missed.PartnerMask = 0b01;

        Assert.Equal((3, 1, 1), _registry.LatestStateCoverage(0b11));
    }

    private Arrival Patch(int partner, int evse, long ms, long at) =>
        new(partner, PushKind.EvsePatch, _catalog.LocationOf(evse), _catalog.EvseUid(evse), ms, at, 0);

    private static long Ticks(double milliseconds) => (long)(milliseconds * Stopwatch.Frequency / 1000);
}
