using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage.GroupCommit;

namespace StatusGrid.Storage.Tests.Stores;

/// <summary>The delivery ledger: what each partner holds, and what is still owed to it, for every provider.</summary>
public abstract partial class StoreTestsBase
{
    [Fact]
    public async Task Undelivered_pages_after_a_given_evse_in_key_order()
    {
        await Task.WhenAll(
            Status.WriteAsync(new EvseStatusRecord("PA", "E1", EvseStatus.Charging, T0, 1)),
            Status.WriteAsync(new EvseStatusRecord("PA", "E2", EvseStatus.Charging, T0, 1)),
            Status.WriteAsync(new EvseStatusRecord("PB", "E1", EvseStatus.Charging, T0, 1)));

        var first = await Ledger.ReadUndeliveredAsync("partner-p", 2);
        Assert.Equal([("PA", "E1"), ("PA", "E2")], first.Select(r => (r.LocationId, r.EvseUid)));
        var next = await Ledger.ReadUndeliveredAsync("partner-p", 2, new EvseRef("PA", "E2"));
        Assert.Equal([("PB", "E1")], next.Select(r => (r.LocationId, r.EvseUid)));
        Assert.Empty(await Ledger.ReadUndeliveredAsync("partner-p", 2, new EvseRef("PB", "E1")));
    }

    [Fact]
    public async Task Undelivered_is_current_state_above_delivered_version()
    {
        await Task.WhenAll(
            Status.WriteAsync(new EvseStatusRecord("D", "E1", EvseStatus.Charging, T0, 1)),
            Status.WriteAsync(new EvseStatusRecord("D", "E2", EvseStatus.Charging, T0, 4)),
            Status.WriteAsync(new EvseStatusRecord("D", "E3", EvseStatus.Charging, T0, 2)));

        Assert.Equal(["E1", "E2", "E3"], (await Ledger.ReadUndeliveredAsync("partner-a", 10)).Select(r => r.EvseUid));
        Assert.Equal(["E1", "E2"], (await Ledger.ReadUndeliveredAsync("partner-a", 2)).Select(r => r.EvseUid));

        await Task.WhenAll(
            Ledger.RecordDeliveredAsync("partner-a", [new DeliveredVersion("D", "E1", 1), new DeliveredVersion("D", "E2", 4)]),
            Ledger.RecordDeliveredAsync("partner-b", [new DeliveredVersion("D", "E3", 2)]));
        var undelivered = await Ledger.ReadUndeliveredAsync("partner-a", 10);
        Assert.Equal(new EvseStatusRecord("D", "E3", EvseStatus.Charging, T0, 2), Assert.Single(undelivered));
        Assert.Equal(["E1", "E2"], (await Ledger.ReadUndeliveredAsync("partner-b", 10)).Select(r => r.EvseUid));

        // A late acknowledgement of an older version does not lower the ledger.
        await Ledger.RecordDeliveredAsync("partner-a", [new DeliveredVersion("D", "E2", 3)]);
        Assert.DoesNotContain(await Ledger.ReadUndeliveredAsync("partner-a", 10), r => r.EvseUid == "E2");

        // A newer status makes the EVSE due again, with its latest state only.
        await Status.WriteAsync(new EvseStatusRecord("D", "E1", EvseStatus.Available, T0.AddMinutes(1), 2));
        Assert.Equal(["E1", "E3"], (await Ledger.ReadUndeliveredAsync("partner-a", 10)).Select(r => r.EvseUid));
        Assert.True(((IGroupCommitStatistics)Ledger).CommittedItems >= 3);
    }

    [Fact]
    public async Task Delivered_versions_are_read_back_per_partner_for_the_EVSEs_asked_about()
    {
        await Task.WhenAll(
            Ledger.RecordDeliveredAsync("partner-a", [new DeliveredVersion("D", "E1", 3), new DeliveredVersion("D", "E2", 7), new DeliveredVersion("D'q", "E\"1", 2)]),
            Ledger.RecordDeliveredAsync("partner-b", [new DeliveredVersion("D", "E3", 5)]));

        var found = await Ledger.ReadDeliveredAsync("partner-a", [new EvseRef("D", "E1"), new EvseRef("D", "E3"), new EvseRef("D'q", "E\"1"), new EvseRef("X", "E1")]);

        // E3 was delivered to partner-b only, X/E1 never: no entry. Ids with quotes survive the round trip.
        Assert.Equal(
            [new DeliveredVersion("D", "E1", 3), new DeliveredVersion("D'q", "E\"1", 2)],
            found.OrderBy(d => d.LocationId, StringComparer.Ordinal).ThenBy(d => d.EvseUid, StringComparer.Ordinal));
        Assert.Empty(await Ledger.ReadDeliveredAsync("partner-a", []));
        Assert.Empty(await Ledger.ReadDeliveredAsync("partner-c", [new EvseRef("D", "E1")]));

        // Many at once (a partner re-activated mid-burst checks a whole batch in one query).
        var many = Enumerable.Range(0, 2_000).Select(i => new DeliveredVersion("M", "E" + i, i + 1)).ToList();
        await Ledger.RecordDeliveredAsync("partner-a", many);
        var readBack = await Ledger.ReadDeliveredAsync("partner-a", [.. many.Select(d => new EvseRef(d.LocationId, d.EvseUid))]);
        Assert.Equal(many.ToHashSet(), readBack.ToHashSet());
    }

    [Fact]
    public async Task A_location_document_is_owed_to_a_partner_until_its_current_version_is_recorded_as_delivered()
    {
        await Locations.UpsertAsync(Location("LA", T0));
        await Locations.UpsertAsync(Location("LB", T0) with { Publish = false });
        Assert.Equal(1, (await Locations.GetAsync("LA"))!.DocumentVersion);
        Assert.Equal([new UndeliveredLocation("LA", "NLD", true, 1), new UndeliveredLocation("LB", "NLD", false, 1)],
            await Ledger.ReadUndeliveredLocationsAsync("partner-l", 10));

        // The document's own row (uid '') settles it; EVSE rows of the location do not.
        await Ledger.RecordDeliveredAsync("partner-l", [DeliveredVersion.OfDocument("LA", 1), new DeliveredVersion("LB", "E1", 9)]);
        Assert.Equal(["LB"], (await Ledger.ReadUndeliveredLocationsAsync("partner-l", 10)).Select(l => l.Id));
        Assert.Equal(["LA", "LB"], (await Ledger.ReadUndeliveredLocationsAsync("partner-m", 10)).Select(l => l.Id));

        // An edit raises the version (a status write does not), and the location is owed again.
        await Status.WriteAsync(new EvseStatusRecord("LA", "E1", EvseStatus.Charging, T0.AddMinutes(1), 1));
        Assert.Equal(1, (await Locations.GetAsync("LA"))!.DocumentVersion);
        await Locations.UpsertAsync(Location("LA", T0.AddMinutes(2)));
        Assert.Equal(2, (await Locations.GetAsync("LA"))!.DocumentVersion);
        Assert.Equal([new UndeliveredLocation("LA", "NLD", true, 2, DeliveredVersion: 1), new UndeliveredLocation("LB", "NLD", false, 1)],
            await Ledger.ReadUndeliveredLocationsAsync("partner-l", 10));

        // Paged in id order, and the document's row is no EVSE's: the EVSE outbox still owes LA's status.
        Assert.Equal(["LB"], (await Ledger.ReadUndeliveredLocationsAsync("partner-l", 10, afterId: "LA")).Select(l => l.Id));
        Assert.Equal(["LA"], (await Ledger.ReadUndeliveredLocationsAsync("partner-l", 1)).Select(l => l.Id));
        Assert.Equal(("LA", "E1"), Assert.Single(await Ledger.ReadUndeliveredAsync("partner-l", 10)) is var r ? (r.LocationId, r.EvseUid) : default);
    }

    [Fact]
    public async Task Reopened_documents_are_owed_again_at_the_version_the_partner_holds_until_delivered_again()
    {
        await Locations.UpsertAsync(Location("RA", T0));
        await Locations.UpsertAsync(Location("RB", T0));
        await Locations.UpsertAsync(Location("RC", T0));
        await Ledger.RecordDeliveredAsync("partner-r", [DeliveredVersion.OfDocument("RA", 1), DeliveredVersion.OfDocument("RB", 1)]);
        await Ledger.RecordDeliveredAsync("partner-s", [DeliveredVersion.OfDocument("RA", 1)]);
        Assert.Equal(["RC"], (await Ledger.ReadUndeliveredLocationsAsync("partner-r", 10)).Select(l => l.Id));

        // A filter change of partner-r altered whether it sees RA and RC (never delivered: owed as before).
        await Ledger.ReopenDocumentsAsync("partner-r", ["RA", "RC"]);
        Assert.Equal([new UndeliveredLocation("RA", "NLD", true, 1, DeliveredVersion: -1), new UndeliveredLocation("RC", "NLD", true, 1)],
            await Ledger.ReadUndeliveredLocationsAsync("partner-r", 10));
        Assert.Empty(await Ledger.ReadUndeliveredLocationsAsync("partner-s", 10) is var s ? s.Where(l => l.Id == "RA") : []);

        // Twice is the same as once, and the next delivery (the withdrawal, or the PUT) settles it.
        await Ledger.ReopenDocumentsAsync("partner-r", ["RA"]);
        Assert.Equal(-1, (await Ledger.ReadUndeliveredLocationsAsync("partner-r", 10))[0].DeliveredVersion);
        await Ledger.RecordDeliveredAsync("partner-r", [DeliveredVersion.OfDocument("RA", 1)]);
        Assert.Equal(["RC"], (await Ledger.ReadUndeliveredLocationsAsync("partner-r", 10)).Select(l => l.Id));
    }

    [Fact]
    public async Task A_document_recorded_as_still_owed_stays_owed_until_a_delivery_at_its_version()
    {
        // A PUT shaped by the filter before the change that reopened the row is recorded as -v (PartnerGrain's
        // FilterEpochs): stored even where no row was, kept below a reopened row, and closed only by a delivery at v.
        await Locations.UpsertAsync(Location("OA", T0));
        await Locations.UpsertAsync(Location("OB", T0));
        await Ledger.RecordDeliveredAsync("partner-o", [DeliveredVersion.OfDocument("OB", 1)]);
        await Ledger.ReopenDocumentsAsync("partner-o", ["OB"]);

        await Ledger.RecordDeliveredAsync("partner-o", [DeliveredVersion.OfDocument("OA", -1), DeliveredVersion.OfDocument("OB", -1)]);

        Assert.Equal([new UndeliveredLocation("OA", "NLD", true, 1, DeliveredVersion: -1), new UndeliveredLocation("OB", "NLD", true, 1, DeliveredVersion: -1)],
            await Ledger.ReadUndeliveredLocationsAsync("partner-o", 10));
        await Ledger.RecordDeliveredAsync("partner-o", [DeliveredVersion.OfDocument("OA", 1), DeliveredVersion.OfDocument("OB", 1)]);
        Assert.Empty(await Ledger.ReadUndeliveredLocationsAsync("partner-o", 10));
    }
}
