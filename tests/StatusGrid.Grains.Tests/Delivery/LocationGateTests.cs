using StatusGrid.Grains.Partners;

namespace StatusGrid.Grains.Tests.Delivery;

public sealed class LocationGateTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_document_whose_put_is_pending_or_on_its_way_is_not_owed_again()
    {
        // A new partner's configured PUTs go out while its first reconcile reads the ledger, before their records are
        // committed: that reconcile must not queue a second PUT of each Location (it also takes over the PATCHes).
        var gate = new LocationGate();
        gate.OfferPut("L-1", Now, changed: true);
        Assert.False(gate.OwesDocument("L-1", 1));

        Assert.True(gate.TryTakePut(out _, out _));
        Assert.False(gate.OwesDocument("L-1", 1));
    }

    [Fact]
    public void A_settled_document_is_owed_again_only_at_a_newer_version()
    {
        var gate = new LocationGate();
        Assert.True(gate.OwesDocument("L-1", 1));

        gate.SettleDocument(EvseBacklog.LocationKey("L-1"), 2);

        Assert.False(gate.OwesDocument("L-1", 2));
        Assert.True(gate.OwesDocument("L-1", 3));
    }
}
