using System.Text.Json;
using StatusGrid.Contracts.Evses;
using StatusGrid.Grains.Partners;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests.Delivery;

/// <summary>
/// Issue 14: whether the partner's copy (a GET of its receiver) proves a message arrived (<see cref="ReceiverCopy"/>),
/// and which heads of an ordered queue must be checked before they go again (<see cref="OrderedQueue"/>).
/// </summary>
public sealed class ReceiverCopyTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 1, 12, 0, 0, 250, TimeSpan.Zero);

    [Theory]
    [InlineData("""{"uid":"E1","status":"CHARGING","last_updated":"2026-05-01T12:00:00.250Z"}""", true)]
    [InlineData("""{"uid":"E1","status":"CHARGING","last_updated":"2026-05-01T12:00:00.25"}""", true)] // no designator: UTC
    [InlineData("""{"uid":"E1","status":"CHARGING","last_updated":"2026-05-01T12:00:00.250+00:00"}""", false)] // not an OCPI DateTime
    [InlineData("""{"uid":"E1","status":"AVAILABLE","last_updated":"2026-05-01T12:00:00.250Z"}""", false)]
    [InlineData("""{"uid":"E1","status":"CHARGING","last_updated":"2026-05-01T12:00:00Z"}""", false)]
    [InlineData("""{"uid":"E1","status":"CHARGING","last_updated":"2026-05-01T12:00:01Z"}""", false)] // newer is not proof
    [InlineData("""{"uid":"E1","status":"CHARGING"}""", false)]
    [InlineData("""{"uid":"E1","status":7,"last_updated":"2026-05-01T12:00:00.250Z"}""", false)]
    [InlineData("""[]""", false)]
    [InlineData("""null""", false)]
    public void An_evse_copy_counts_only_when_it_is_exactly_the_state_sent(string copy, bool holds)
    {
        using var document = JsonDocument.Parse(copy);
        Assert.Equal(holds, ReceiverCopy.HoldsEvse(document.RootElement, EvseStatus.Charging, At));
    }

    [Fact]
    public void A_location_copy_counts_only_when_its_stamp_and_every_evse_match()
    {
        var sent = SampleLocations.Create("L1", 2) with { LastUpdated = At };
        sent = sent with { Evses = [.. sent.Evses!.Select(e => e with { Status = EvseStatus.Charging, LastUpdated = At })] };
        string Copy(string location, string e2Status) => $$"""
            {"id":"L1","last_updated":"{{location}}","evses":[
              {"uid":"l1-e1","status":"CHARGING","last_updated":"2026-05-01T12:00:00.250Z"},
              {"uid":"L1-E2","status":"{{e2Status}}","last_updated":"2026-05-01T12:00:00.250Z"}]}
            """;

        Assert.True(Holds(Copy("2026-05-01T12:00:00.250Z", "CHARGING")));
        Assert.False(Holds(Copy("2026-05-01T12:00:00.250Z", "AVAILABLE")));
        Assert.False(Holds(Copy("2026-05-01T11:00:00Z", "CHARGING")));
        Assert.False(Holds("""{"id":"L1","last_updated":"2026-05-01T12:00:00.250Z"}"""));

        bool Holds(string json)
        {
            using var document = JsonDocument.Parse(json);
            return ReceiverCopy.HoldsLocation(document.RootElement, sent);
        }
    }

    [Fact]
    public void Only_a_head_whose_answer_was_lost_is_checked_and_a_held_one_counts()
    {
        var queue = new OrderedQueue();
        queue.OfferPatch(Change("L1", "E1", 1), At, limit: 100);
        queue.OfferPatch(Change("L2", "E1", 1), At, limit: 100);
        Assert.True(queue.TryTake(out var first));
        Assert.True(queue.TryTake(out var second));
        Assert.False(queue.IsUncertain(first));

        queue.SentWith(first, new PushResult(PushOutcome.Retryable, "timeout"));
        queue.SentWith(second, new PushResult(PushOutcome.Retryable, "http_503") { HttpStatus = 503 });
        Assert.True(queue.IsUncertain(first)); // the partner may have applied it
        Assert.False(queue.IsUncertain(second)); // it answered: not taken

        for (var n = 1; n < OrderedQueue.MaxChecks; n++)
        {
            Assert.True(queue.CheckUnanswered(first));
        }

        Assert.False(queue.CheckUnanswered(first)); // a partner whose GET never answers still gets the message
        queue.FoundHeld(first);
        Assert.False(queue.IsUncertain(first));
        Assert.Equal(1, queue.AlreadyHeld);
    }

    [Theory]
    [InlineData(null, 0, true)]
    [InlineData(502, null, true)]
    [InlineData(504, null, true)]
    [InlineData(200, 4002, true)]
    [InlineData(503, null, false)]
    [InlineData(429, null, false)]
    [InlineData(200, 3000, false)]
    public void An_outcome_is_unknown_when_no_answer_says_whether_the_partner_applied_it(int? http, int? ocpi, bool unknown)
    {
        var result = new PushResult(PushOutcome.Retryable, "x") { HttpStatus = http, OcpiStatusCode = ocpi == 0 ? null : ocpi };
        Assert.Equal(unknown, result.OutcomeUnknown);
    }

    [Fact]
    public void After_a_crash_every_head_is_uncertain_after_a_clean_stop_only_those_listed()
    {
        var queue = new OrderedQueue();
        queue.OfferPatch(Change("L1", "E1", 1), At, limit: 100);
        queue.OfferPatch(Change("L2", "E1", 1), At, limit: 100);
        queue.TryTake(out var first);
        queue.SentWith(first, new PushResult(PushOutcome.Retryable, "timeout"));
        queue.Release(first);

        var rows = new MemoryQueueRows();
        rows.Save(queue.TakeChanges()); // what a running activation writes
        var running = new OrderedQueue();
        running.Restore(OrderedQueueRows.ToState(rows.Rows)!);
        Assert.True(running.TryTake(out var a));
        Assert.True(running.TryTake(out var b));
        Assert.True(running.IsUncertain(a) && running.IsUncertain(b));

        rows.Save(queue.TakeChanges(stopped: true)); // the deactivation's last write
        var stopped = new OrderedQueue();
        stopped.Restore(OrderedQueueRows.ToState(rows.Rows)!);
        Assert.True(stopped.TryTake(out var c));
        Assert.True(stopped.TryTake(out var d));
        Assert.Equal(["L1"], new[] { c, d }.Where(stopped.IsUncertain).Select(m => m.LocationId));
    }

    private static EvseStatusChange Change(string location, string evse, long version) =>
        new(location, evse, "NL", "SGR", true, EvseStatus.Charging, At.AddSeconds(version), version);
}
