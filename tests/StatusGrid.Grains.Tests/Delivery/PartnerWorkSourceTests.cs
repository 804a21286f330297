using System.Text.Json;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Partners;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Tests.Delivery;

/// <summary>
/// What a new activation (or reconcile) sends for an undelivered EVSE must never carry a last_updated older than what
/// a Location PUT of the same state carried: a PUT carries each EVSE at the later of its status change and its
/// document stamp, and its answer may have been lost (the partner holds it, the ledger does not say so). Found by the
/// long model run (seed 20261129): a PUT stamped 57.724 taken, its answer lost, then after a partner deactivation the
/// EVSEs went as PATCHes at 57.716.
/// </summary>
public sealed class PartnerWorkSourceTests
{
    private static readonly DateTimeOffset Observed = new(2026, 3, 1, 12, 0, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset Stamped = Observed.AddSeconds(5);

    [Fact]
    public async Task An_undelivered_state_goes_no_older_than_the_stamp_a_location_put_carried_it_with()
    {
        var storage = new InMemoryStorage();
        var location = SampleLocations.Create("WS-1", 2) with { LastUpdated = Stamped };
        location = location with { Evses = [.. location.Evses!.Select(e => e with { Status = EvseStatus.Available, LastUpdated = Stamped })] };
        await storage.UpsertAsync(new StoredLocation("WS-1", "NL", "NLD", "SGR", true, Stamped, JsonSerializer.Serialize(location, OcpiJson.Options)));
        await storage.WriteAsync(new EvseStatusRecord("WS-1", "WS-1-E1", EvseStatus.Available, Observed, 1));
        await storage.WriteAsync(new EvseStatusRecord("WS-1", "WS-1-E2", EvseStatus.Charging, Stamped.AddSeconds(1), 1));
        var source = new PartnerWorkSource(storage, storage, storage);

        var undelivered = await source.ReadUndeliveredAsync("P", new PartnerFilter(), 100);
        Assert.Equal(Stamped, undelivered.Single(c => c.EvseUid == "WS-1-E1").LastUpdated);
        Assert.Equal(Stamped.AddSeconds(1), undelivered.Single(c => c.EvseUid == "WS-1-E2").LastUpdated); // a later change keeps its time

        var pending = new PendingChange(new EvseStatusChange("WS-1", "WS-1-E1", "NL", "SGR", true, EvseStatus.Available, Observed, 1), Observed);
        var verified = Assert.Single(await source.VerifyAsync("P", [pending]));
        Assert.Equal(Stamped, verified.Current!.LastUpdated);
    }
}
