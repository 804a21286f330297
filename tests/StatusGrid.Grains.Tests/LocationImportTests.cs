using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Grains.Locations;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests;

/// <summary>
/// A bulk import writes rows instead of calling grains; the grains start from those rows. Each test compares an
/// imported Location with the same document put through its grain: every rule must come out the same.
/// </summary>
public sealed class LocationImportTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);
    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task An_imported_location_serves_reports_and_edits_exactly_like_one_put_through_its_grain()
    {
        // The CPO sends an EVSE whose document stamp is newer than its status observation (a renamed EVSE).
        Location Document(string id) => SampleLocations.Create(id) with
        {
            Evses = [SampleLocations.Evse($"{id}-E1"), SampleLocations.Evse($"{id}-E2", EvseStatus.Charging) with { LastUpdated = SampleLocations.Created.AddMinutes(5) }],
        };

        await ImportAsync(Document("IMP-A"));
        Assert.Equal(LocationPutOutcome.Created, await Client.GetGrain<ILocationGrain>(EvseKey.Location("IMP-B")).Put(Document("IMP-B")));

        await AssertSameAsync("IMP-A", "IMP-B");

        // A report observed before the document's stamp is published just after it (never older after newer).
        var early = new StatusReport(EvseStatus.Available, SampleLocations.Created.AddMinutes(1));
        Assert.Equal(
            await Client.GetGrain<IEvseGrain>(EvseKey.Evse("IMP-B", "IMP-B-E2")).ReportStatus(early),
            await Client.GetGrain<IEvseGrain>(EvseKey.Evse("IMP-A", "IMP-A-E2")).ReportStatus(early));
        var late = new StatusReport(EvseStatus.Blocked, SampleLocations.Created.AddMinutes(9));
        Assert.Equal(
            await Client.GetGrain<IEvseGrain>(EvseKey.Evse("IMP-B", "IMP-B-E1")).ReportStatus(late),
            await Client.GetGrain<IEvseGrain>(EvseKey.Evse("IMP-A", "IMP-A-E1")).ReportStatus(late));
        await AssertSameAsync("IMP-A", "IMP-B");

        // The next edit sees the imported document as the previous one: a dropped EVSE stays, REMOVED.
        Assert.Equal(
            await Client.GetGrain<ILocationGrain>(EvseKey.Location("IMP-B")).Put(SampleLocations.Create("IMP-B", evses: 1)),
            await Client.GetGrain<ILocationGrain>(EvseKey.Location("IMP-A")).Put(SampleLocations.Create("IMP-A", evses: 1)));
        Assert.Equal(EvseStatus.Removed, (await fixture.Cluster.Storage.ReadAsync("IMP-A", "IMP-A-E2"))!.Status);
        await AssertSameAsync("IMP-A", "IMP-B", stampedNow: true);

        Assert.Equal(new EvseAddress("IMP-A", "IMP-A-E1"), await Client.GetGrain<IEvseIdGrain>(EvseKey.EvseId("NL*SGR*EIMPAE1")).Resolve());
    }

    [Fact]
    public async Task Grains_activated_before_the_import_find_what_it_stored()
    {
        var evse = Client.GetGrain<IEvseGrain>(EvseKey.Evse("IMP-C", "IMP-C-E1"));
        var location = Client.GetGrain<ILocationGrain>(EvseKey.Location("imp-c"));
        var evseId = Client.GetGrain<IEvseIdGrain>(EvseKey.EvseId("NL*SGR*EIMPCE1"));
        Assert.Equal(StatusReportOutcome.UnknownEvse, await evse.ReportStatus(new StatusReport(EvseStatus.Charging, Now)));
        Assert.Null(await location.Get());
        Assert.Null(await evseId.Resolve());

        await ImportAsync(SampleLocations.Create("IMP-C"));

        Assert.Equal(StatusReportOutcome.Applied, await evse.ReportStatus(new StatusReport(EvseStatus.Charging, Now)));
        Assert.Equal(EvseStatus.Charging, (await location.Get())!.Location.Evses!.Single(e => e.Uid == "IMP-C-E1").Status);
        Assert.Equal(new EvseAddress("IMP-C", "IMP-C-E1"), await evseId.Resolve());
    }

    [Fact]
    public async Task An_import_skips_a_location_stored_meanwhile_and_changes_nothing_of_it()
    {
        var put = SampleLocations.Create("IMP-D") with { Name = "Put first" };
        await Client.GetGrain<ILocationGrain>(EvseKey.Location("IMP-D")).Put(put);

        var skipped = await fixture.Cluster.Storage.ImportAsync([LocationImportPlan.For(SampleLocations.Create("imp-d") with { Name = "Imported" }, Now)]);

        Assert.Equal(["imp-d"], skipped);
        Assert.Equal("Put first", (await Client.GetGrain<ILocationGrain>(EvseKey.Location("IMP-D")).Get())!.Location.Name);
    }

    private async Task ImportAsync(Location document)
    {
        var plan = LocationImportPlan.For(document, Now);
        Assert.Empty(await fixture.Cluster.Storage.ImportAsync([plan]));
        await Client.GetGrain<IEstateImportGrain>(0).Announce([new ImportedLocationRef(document.Id, document.Country, document.Publish)]);
    }

    /// <param name="stampedNow">The edit was stamped with the (real) clock, a moment apart for the two: compare no times.</param>
    private async Task AssertSameAsync(string imported, string put, bool stampedNow = false)
    {
        var a = (await Client.GetGrain<ILocationGrain>(EvseKey.Location(imported)).Get())!;
        var b = (await Client.GetGrain<ILocationGrain>(EvseKey.Location(put)).Get())!;
        Assert.Equal(Shape(b.Location, put, stampedNow), Shape(a.Location, imported, stampedNow));
        Assert.Equal(b.EvseVersions.Values.Order(), a.EvseVersions.Values.Order());
        if (!stampedNow)
        {
            Assert.Equal(b.Location.LastUpdated, a.Location.LastUpdated);
            Assert.Equal((await fixture.Cluster.Storage.GetAsync(put))!.LastUpdated, (await fixture.Cluster.Storage.GetAsync(imported))!.LastUpdated);
        }

        foreach (var evse in b.Location.Evses!)
        {
            var uid = evse.Uid.Replace(put, imported, StringComparison.Ordinal);
            var mine = await Client.GetGrain<IEvseGrain>(EvseKey.Evse(imported, uid)).GetSnapshot();
            var theirs = await Client.GetGrain<IEvseGrain>(EvseKey.Evse(put, evse.Uid)).GetSnapshot();
            Assert.Equal((theirs!.Status, theirs.Version), (mine!.Status, mine.Version));
            Assert.True(stampedNow || theirs.LastUpdated == mine.LastUpdated, $"{uid}: {mine.LastUpdated:O} imported, {theirs.LastUpdated:O} put");
        }
    }

    private static string Shape(Location location, string id, bool stampedNow) =>
        string.Join("; ", location.Evses!.Select(e => $"{e.Uid.Replace(id, "X", StringComparison.Ordinal)} {e.Status} {(stampedNow ? "" : e.LastUpdated.ToString("O"))}"));
}
