using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Partners;

namespace StatusGrid.Grains.Tests.Delivery;

public sealed class PushStatisticsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Freshness_counts_deliveries_within_the_objective_and_flags_a_partner_that_misses_it()
    {
        var statistics = new PushStatistics(TimeSpan.FromSeconds(60));
        statistics.Delivered(Now.AddSeconds(-5), Now);
        statistics.Delivered(Now.AddSeconds(-60), Now);
        statistics.Delivered(Now.AddSeconds(-61), Now);
        statistics.Delivered(Now.AddSeconds(-1), Now);

        var health = statistics.Fill(new PartnerHealth { PartnerId = "P" }, worstLag: TimeSpan.FromSeconds(2), target: 0.7);
        Assert.Equal(3, health.DeliveredWithinObjective);
        Assert.Equal(1, health.DeliveredLate);
        Assert.Equal(0.75, health.FreshnessShare);
        Assert.False(health.FreshnessBreached);

        Assert.True(statistics.Fill(new PartnerHealth { PartnerId = "P" }, TimeSpan.FromSeconds(61), 0.7).FreshnessBreached);
        Assert.True(statistics.Fill(new PartnerHealth { PartnerId = "P" }, null, 0.8).FreshnessBreached);
    }

    [Fact]
    public void The_share_covers_the_recent_deliveries_only()
    {
        var statistics = new PushStatistics(TimeSpan.FromSeconds(60));
        for (var i = 0; i < 2000; i++)
        {
            statistics.Delivered(Now.AddMinutes(-5), Now);
        }

        for (var i = 0; i < 1024; i++)
        {
            statistics.Delivered(Now, Now);
        }

        Assert.Equal(1.0, statistics.FreshnessShare);
        Assert.Equal(2000, statistics.DeliveredLate);
    }
}
