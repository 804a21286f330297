using StatusGrid.Contracts.Evses;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Server.Dashboard.Estate;

namespace StatusGrid.Server.Tests.Dashboard;

public sealed class PendingChangesTests
{
    private static EvseStatusChange Change(string evse, long version, bool publish = true) =>
        new("L1", evse, "NL", "SGR", publish, EvseStatus.Charging, DateTimeOffset.UnixEpoch.AddSeconds(version), version);

    [Fact]
    public void Changes_of_one_evse_coalesce_to_the_newest_whatever_the_arrival_order()
    {
        var pending = new PendingChanges();

        Assert.True(pending.Add([Change("E1", 1), Change("E1", 3)]));
        Assert.False(pending.Add([Change("E1", 2), Change("E2", 1)]));

        var (_, changes) = pending.Take();
        Assert.Equal(2, changes.Count);
        Assert.Equal(3, changes.Single(c => c.EvseUid == "E1").Version);
        Assert.Equal(4, pending.Received);
        Assert.Equal(2, pending.Coalesced);
    }

    [Fact]
    public void Unpublished_changes_never_reach_the_public_map()
    {
        var pending = new PendingChanges();

        Assert.False(pending.Add([Change("E1", 1, publish: false)]));

        Assert.Empty(pending.Take().Changes);
        Assert.Equal(1, pending.Received);
    }
}
