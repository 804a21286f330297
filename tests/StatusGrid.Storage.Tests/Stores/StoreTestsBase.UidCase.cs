using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Storage.Tests.Stores;

/// <summary>
/// EVSE uids are CiStrings: a status written under another spelling of a stored uid is the same EVSE's, so it lands
/// on its row (one row per EVSE, migration 17), never as a second row partners would be owed PATCHes of.
/// </summary>
public abstract partial class StoreTestsBase
{
    [Fact]
    public async Task A_status_written_under_another_spelling_of_a_stored_uid_lands_on_its_row()
    {
        await Status.WriteAsync(new EvseStatusRecord("UIDC", "ABC", EvseStatus.Available, T0, 1));

        await Status.WriteAsync(new EvseStatusRecord("UIDC", "abc", EvseStatus.Charging, T0.AddSeconds(1), 2));

        // The row takes the writer's spelling: the EVSE grain writes under its identity, the document's spelling.
        var row = new EvseStatusRecord("UIDC", "abc", EvseStatus.Charging, T0.AddSeconds(1), 2);
        Assert.Equal([row], await Status.ReadLocationsAsync(["UIDC"]));
        Assert.Equal([row], await Ledger.ReadUndeliveredAsync("partner-uidc", 10));
        Assert.Equal(row, await Status.ReadAsync("UIDC", "ABC"));
    }

    [Fact]
    public async Task A_stale_status_under_another_spelling_is_refused_as_under_the_stored_uid()
    {
        var stored = new EvseStatusRecord("UIDS", "ABC", EvseStatus.Available, T0, 3);
        await Status.WriteAsync(stored);

        await Assert.ThrowsAsync<StatusWriteConflictException>(() => Status.WriteAsync(new EvseStatusRecord("UIDS", "abc", EvseStatus.Charging, T0.AddSeconds(1), 2)));

        Assert.Equal([stored], await Status.ReadLocationsAsync(["UIDS"]));
    }

    [Fact]
    public async Task Two_spellings_of_one_uid_in_one_batch_store_the_higher_version()
    {
        await Task.WhenAll(
            Status.WriteAsync(new EvseStatusRecord("UIDB", "abc", EvseStatus.Charging, T0.AddSeconds(1), 2)),
            Status.WriteAsync(new EvseStatusRecord("UIDB", "ABC", EvseStatus.Available, T0, 1)).ContinueWith(_ => { }, TaskScheduler.Default));

        Assert.Equal([new EvseStatusRecord("UIDB", "abc", EvseStatus.Charging, T0.AddSeconds(1), 2)], await Status.ReadLocationsAsync(["UIDB"]));
    }
}
