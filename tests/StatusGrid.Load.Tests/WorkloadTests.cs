using System.Text.Json;
using StatusGrid.LoadDriver.Dashboards;
using StatusGrid.LoadDriver.Measure;
using StatusGrid.LoadDriver.Workload;
using StatusGrid.Ocpi;

namespace StatusGrid.Load.Tests;

public sealed class WorkloadTests
{
    [Fact]
    public void Catalog_ids_are_stable_and_reversible()
    {
        var catalog = new EvseCatalog(locations: 3, evsesPerLocation: 4);

        Assert.Equal(12, catalog.Count);
        Assert.Equal("LD-000002", catalog.LocationOf(9));
        Assert.Equal("LD-000002-E2", catalog.EvseUid(9));
        Assert.Equal("NL*SGR*E00000202", catalog.EvseId(9));
        Assert.True(catalog.TryIndexOf("LD-000002-E2", out var index));
        Assert.Equal(9, index);
        Assert.False(catalog.TryIndexOf("nope", out _));
        Assert.False(catalog.TryIndexOf(null, out _));
    }

    [Fact]
    public void Imported_estate_is_valid_OCPI_221_for_the_servers_own_parser()
    {
        var catalog = new EvseCatalog(locations: 5, evsesPerLocation: 3);
        var parsed = OcpiParser.ParseLocations(LocationJson.ImportBody(catalog, 1, 3), OcpiVersion.V221);

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors.Select(e => $"{e.Path}: {e.Message}")));
        Assert.Equal(["LD-000001", "LD-000002", "LD-000003"], parsed.Value!.Select(l => l.Id));
        Assert.All(parsed.Value!, l => Assert.Equal(3, l.Evses!.Count));
    }

    [Fact]
    public void Status_table_flips_and_keeps_observed_at_rising()
    {
        var table = new StatusTable(2);
        table.Set(1, StatusTable.Charging, 5_000);

        Assert.Equal((StatusTable.Charging, 1_000L), table.Next(0, 1_000));
        Assert.Equal((StatusTable.Available, 1_001L), table.Next(0, 1_000));
        Assert.Equal((StatusTable.Available, 5_001L), table.Next(1, 2_000));
        Assert.Equal((StatusTable.Charging, 9_000L), table.Next(1, 9_000));
    }

    [Fact]
    public void Change_batch_names_each_EVSE_and_registers_its_send()
    {
        var catalog = new EvseCatalog(2, 2);
        var registry = new SendRegistry(catalog.Count);
        var now = DateTimeOffset.Parse("2026-11-25T10:00:00.123Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

        var (body, records) = ChangeBatch.Build(catalog, new StatusTable(catalog.Count), registry, [3, 0], now, measured: true);

        using var document = JsonDocument.Parse(body);
        var changes = document.RootElement.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(2, changes.Count);
        Assert.Equal("LD-000001", changes[0].GetProperty("location_id").GetString());
        Assert.Equal("LD-000001-E2", changes[0].GetProperty("evse_uid").GetString());
        Assert.Equal("CHARGING", changes[0].GetProperty("status").GetString());
        Assert.Equal("2026-11-25T10:00:00.123Z", changes[0].GetProperty("observed_at").GetString());
        Assert.Equal(2, records.Length);
        Assert.True(registry.TryGet(3, now, out var record));
        Assert.Same(records[0], record);
        Assert.True(record.Measured);
    }

    [Fact]
    public void Watchers_per_location_add_up_to_the_viewports_coverage_of_the_estate()
    {
        var catalog = new EvseCatalog(locations: 2_000, evsesPerLocation: 2);
        var random = new Random(3);
        var viewports = Enumerable.Range(0, 25).Select(_ => ViewportMix.City(catalog, random)).ToList();

        var watchers = ViewportMix.WatchersPerLocation(viewports, catalog, tileZoom: 12);

        Assert.Equal(viewports.Sum(v => ViewportMix.Coverage(v, catalog, tileZoom: 12)) * catalog.Locations, watchers.Sum(), precision: 6);
        Assert.All(watchers, w => Assert.InRange(w, 0, viewports.Count));
        Assert.Contains(watchers, w => w > 0);
    }
}
