using StatusGrid.Grains.Partners;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Contracts.Evses;

namespace StatusGrid.Grains.Tests.Delivery;

/// <summary>Issue 14: a partner's request rate limit, and latest-mode coalescing behind it (stepped time, no clock).</summary>
public sealed class RateLimitTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static PushPipeline VerifiedPipeline(params EvseStatusChange[] changes)
    {
        var pipeline = new PushPipeline(new PushOptions(), random: () => 1.0);
        foreach (var change in changes)
        {
            pipeline.Offer(change, Now);
        }

        foreach (var pending in pipeline.Backlog.TakeUnverified(1000))
        {
            pipeline.Backlog.Verified(BacklogKey.Of(pending.Change), 0, null);
        }

        return pipeline;
    }

    [Fact]
    public void No_more_requests_start_in_any_second_than_the_partner_allows()
    {
        var pipeline = VerifiedPipeline([.. Enumerable.Range(1, 200).Select(i => PushPipelineTests.Change("L1", $"E{i}", 1))]);
        pipeline.LimitRate(10, Now);
        var started = new List<DateTimeOffset>();
        for (var t = Now; t < Now.AddSeconds(5); t = t.AddMilliseconds(50))
        {
            foreach (var work in pipeline.Start(t, maxConcurrency: 64))
            {
                started.Add(t);
                pipeline.CompletePatch((PatchWork)work, PushResult.Ok, t, 1);
            }
        }

        // Every one-second window: at most the rate plus the small bucket (a fifth of a second's worth).
        var burst = pipeline.Rate!.Burst;
        Assert.Equal(2, burst);
        foreach (var from in started)
        {
            Assert.InRange(started.Count(s => s >= from && s < from.AddSeconds(1)), 1, 10 + burst);
        }

        Assert.InRange(started.Count, 45, 52); // about 10/s over 5 s: the limit is reached, not undershot
        Assert.True(pipeline.RateLimited > 0);
        Assert.Equal(pipeline.RateLimited, pipeline.Health("p", Now).RateLimited);
    }

    [Fact]
    public void Behind_the_rate_limit_latest_mode_sends_only_the_newest_state_of_an_evse()
    {
        var pipeline = VerifiedPipeline(PushPipelineTests.Change("L1", "E1", 1, EvseStatus.Available));
        pipeline.LimitRate(1, Now);
        var first = Assert.IsType<PatchWork>(Assert.Single(pipeline.Start(Now, 8)));
        pipeline.CompletePatch(first, PushResult.Ok, Now, 1);

        // Ten changes within the second the limit holds the partner back: they coalesce.
        for (var v = 2; v <= 11; v++)
        {
            pipeline.Offer(PushPipelineTests.Change("L1", "E1", v, v % 2 == 0 ? EvseStatus.Charging : EvseStatus.Available), Now.AddMilliseconds(v * 10));
            Assert.Empty(pipeline.Start(Now.AddMilliseconds(v * 10), 8));
        }

        var next = Assert.IsType<PatchWork>(Assert.Single(pipeline.Start(Now.AddSeconds(1), 8)));
        Assert.Equal(11, next.Pending.Change.Version);
        Assert.Equal(9, pipeline.Backlog.Coalesced);
    }

    [Fact]
    public void Without_a_limit_nothing_is_held_back()
    {
        var pipeline = VerifiedPipeline([.. Enumerable.Range(1, 20).Select(i => PushPipelineTests.Change("L1", $"E{i}", 1))]);
        pipeline.LimitRate(null, Now);
        Assert.Equal(20, pipeline.Start(Now, maxConcurrency: 64).Count);
        Assert.Equal(0, pipeline.RateLimited);
    }
}
