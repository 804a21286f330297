using StatusGrid.Grains.Locations;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Tests;

/// <summary>
/// <see cref="LiveLocations.Merge"/> without a cluster: each EVSE takes its live status row, whatever the case of its
/// uid there, and an EVSE with rows in two spellings (a database written before migration 17 folded them, or an
/// in-memory store) takes the one under the document's spelling, else the newest.
/// </summary>
public sealed class LiveLocationsMergeTests
{
    private static readonly DateTimeOffset T1 = SampleLocations.Created.AddHours(1);

    [Fact]
    public void Each_evse_takes_its_own_row_and_the_location_its_latest_stamp()
    {
        var document = SampleLocations.Create("MRG-1", evses: 3);

        var merged = LiveLocations.Merge(document,
        [
            new EvseStatusRecord("MRG-1", "mrg-1-e2", EvseStatus.Charging, T1, 4),
            new EvseStatusRecord("MRG-1", "MRG-1-E1", EvseStatus.Blocked, T1.AddMinutes(1), 2),
        ]);

        Assert.Equal([EvseStatus.Blocked, EvseStatus.Charging, EvseStatus.Available], merged.Location.Evses!.Select(e => e.Status));
        Assert.Equal(["MRG-1-E1", "MRG-1-E2", "MRG-1-E3"], merged.Location.Evses!.Select(e => e.Uid));
        Assert.Equal(T1.AddMinutes(1), merged.Location.LastUpdated);
        Assert.Equal(SampleLocations.Created, merged.DocumentLastUpdated);
        Assert.Equal(2, merged.EvseVersions["MRG-1-E1"]);
        Assert.Equal(4, merged.EvseVersions["mrg-1-e2"]);
        Assert.False(merged.EvseVersions.ContainsKey("MRG-1-E3"));
    }

    [Fact]
    public void An_evse_with_a_row_in_each_spelling_takes_the_documents_else_the_newest()
    {
        var document = SampleLocations.Create("MRG-2", evses: 3);

        var merged = LiveLocations.Merge(document,
        [
            new EvseStatusRecord("MRG-2", "mrg-2-e1", EvseStatus.OutOfOrder, SampleLocations.Created, 7),
            new EvseStatusRecord("MRG-2", "MRG-2-E1", EvseStatus.Charging, T1, 3),
            new EvseStatusRecord("MRG-2", "mrg-2-e2", EvseStatus.Blocked, T1, 5),
            new EvseStatusRecord("MRG-2", "Mrg-2-E2", EvseStatus.Reserved, T1, 6),
            new EvseStatusRecord("MRG-2", "MRG-2-E3", EvseStatus.Blocked, T1, 1),
            new EvseStatusRecord("MRG-2", "mrg-2-e3", EvseStatus.Charging, T1, 9),
        ]);

        Assert.Equal([EvseStatus.Charging, EvseStatus.Reserved, EvseStatus.Blocked], merged.Location.Evses!.Select(e => e.Status));
        Assert.Equal(["MRG-2-E1", "MRG-2-E2", "MRG-2-E3"], merged.Location.Evses!.Select(e => e.Uid));
        Assert.Equal(3, merged.EvseVersions["MRG-2-E1"]);
        Assert.Equal(6, merged.EvseVersions["MRG-2-E2"]);
        Assert.Equal(1, merged.EvseVersions["MRG-2-E3"]);
    }
}
