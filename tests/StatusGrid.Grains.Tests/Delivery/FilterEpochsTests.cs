using System.Collections.Immutable;
using StatusGrid.Contracts.Locations;
using StatusGrid.Grains.Partners;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Tests.Delivery;

/// <summary>
/// A filter change and the PUTs around it, in the pipeline without a cluster: which document version each PUT is
/// recorded at, and the last_updated it is sent with.
/// </summary>
public sealed class FilterEpochsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly PushPipeline _pipeline = new(new PushOptions(), random: () => 1.0);

    private static LocationSnapshot Snapshot(string id, long documentVersion) =>
        new(SampleLocations.Create(id, 1), ImmutableDictionary<string, long>.Empty) { DocumentVersion = documentVersion };

    private PutWork TakePut(string locationId)
    {
        _pipeline.OfferPut(locationId, Now, changed: true);
        return Assert.IsType<PutWork>(Assert.Single(_pipeline.Start(Now, 8)));
    }

    [Fact]
    public void A_put_taken_before_a_filter_change_and_answered_after_it_leaves_the_reopened_document_owed()
    {
        var before = TakePut("L1");
        _pipeline.Epochs.Reopening(["L1"]);
        var done = _pipeline.CompletePut(before, Snapshot("L1", 3), PushResult.Ok, Now, 1);

        // Shaped by the old filter: recorded as "got 3, owes it again", and reconcile's PUT is not held back.
        Assert.Contains(DeliveredVersion.OfDocument("L1", -3), done.Settled);
        Assert.True(_pipeline.Gate.OwesDocument("L1", 3));

        // Taken before the new filter is in force (its configuration still being stored): the same.
        var during = TakePut("L1");
        _pipeline.Epochs.InForce(["L1"]);
        done = _pipeline.CompletePut(during, Snapshot("L1", 3), PushResult.Ok, Now, 1);
        Assert.Contains(DeliveredVersion.OfDocument("L1", -3), done.Settled);

        // Taken under the new filter: it closes the row.
        done = _pipeline.CompletePut(TakePut("L1"), Snapshot("L1", 3), PushResult.Ok, Now, 1);
        Assert.Contains(DeliveredVersion.OfDocument("L1", 3), done.Settled);
        Assert.False(_pipeline.Gate.OwesDocument("L1", 3));
    }

    [Fact]
    public void Only_the_put_a_filter_change_owes_is_stamped_when_sent_and_never_at_or_below_its_own_stamp()
    {
        var location = SampleLocations.Create("L1", 1);
        Assert.Equal(location, _pipeline.Epochs.AsSent(location, Now));

        _pipeline.Epochs.Reopening(["L1"]);
        _pipeline.Epochs.InForce(["L1"]);
        // Whole milliseconds, as every stored stamp.
        Assert.Equal(Now, _pipeline.Epochs.AsSent(location with { LastUpdated = Now.AddSeconds(-1) }, Now.AddTicks(5)).LastUpdated);
        // A clock behind the Location's own stamp: 1 ms above it, still newer than the copy it replaces.
        Assert.Equal(Now.AddMilliseconds(1), _pipeline.Epochs.AsSent(location with { LastUpdated = Now }, Now.AddSeconds(-5)).LastUpdated);

        _pipeline.CompletePut(TakePut("L1"), Snapshot("L1", 3), PushResult.Ok, Now, 1);
        Assert.Equal(location, _pipeline.Epochs.AsSent(location, Now));
    }

    [Fact]
    public void A_document_reconcile_finds_reopened_before_this_activation_is_stamped_when_sent()
    {
        var location = SampleLocations.Create("L1", 1) with { LastUpdated = Now.AddSeconds(-1) };
        _pipeline.Epochs.Owed(["L1"]);

        Assert.Equal(Now, _pipeline.Epochs.AsSent(location, Now).LastUpdated);
        var done = _pipeline.CompletePut(TakePut("L1"), Snapshot("L1", 3), PushResult.Ok, Now, 1);
        Assert.Contains(DeliveredVersion.OfDocument("L1", 3), done.Settled);
    }
}
