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
    public void Only_the_put_a_filter_change_owes_is_owed_until_one_taken_under_the_new_filter_is_settled()
    {
        Assert.False(_pipeline.Epochs.IsOwed("L1"));

        _pipeline.Epochs.Reopening(["L1"]);
        _pipeline.Epochs.InForce(["L1"]);
        Assert.True(_pipeline.Epochs.IsOwed("l1"));

        _pipeline.CompletePut(TakePut("L1"), Snapshot("L1", 3), PushResult.Ok, Now, 1);
        Assert.False(_pipeline.Epochs.IsOwed("L1"));
    }

    [Fact]
    public void A_document_reconcile_finds_reopened_before_this_activation_is_owed()
    {
        _pipeline.Epochs.Owed(["L1"]);

        Assert.True(_pipeline.Epochs.IsOwed("L1"));
        var done = _pipeline.CompletePut(TakePut("L1"), Snapshot("L1", 3), PushResult.Ok, Now, 1);
        Assert.Contains(DeliveredVersion.OfDocument("L1", 3), done.Settled);
    }
}
