using System.Collections.Immutable;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Grains.Partners;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Tests.Delivery;

/// <summary>The push pipeline's decisions, without a cluster, a network or a clock.</summary>
public sealed class PushPipelineTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly PushResult Unavailable = new(PushOutcome.Retryable, "http_503", "HTTP 503") { HttpStatus = 503 };
    private static readonly PushResult BadRequest =
        new(PushOutcome.Rejected, "http_400", "HTTP 400") { HttpStatus = 400, OcpiStatusCode = 2001, OcpiMessage = new string('x', 500) };

    private readonly PushPipeline _pipeline = new(new PushOptions(), random: () => 1.0);

    internal static EvseStatusChange Change(string location, string uid, long version, EvseStatus status = EvseStatus.Charging) =>
        new(location, uid, "NL", "SGR", true, status, Now.AddSeconds(version), version);

    /// <summary>Offers and lets the pipeline learn the EVSE has nothing delivered yet (what the ledger check does).</summary>
    private void OfferVerified(EvseStatusChange change)
    {
        _pipeline.Offer(change, Now);
        foreach (var pending in _pipeline.Backlog.TakeUnverified(100))
        {
            _pipeline.Backlog.Verified(BacklogKey.Of(pending.Change), 0, null);
        }
    }

    private static LocationSnapshot Snapshot(string id, params (string Uid, long Version)[] versions) =>
        new(SampleLocations.Create(id, versions.Length), versions.ToImmutableDictionary(v => v.Uid, v => v.Version));

    [Fact]
    public void Newer_states_replace_a_pending_one_and_only_one_request_per_evse_is_in_flight()
    {
        OfferVerified(Change("L1", "E1", 2));
        Assert.True(_pipeline.Offer(Change("L1", "E1", 3), Now));
        Assert.False(_pipeline.Offer(Change("L1", "E1", 1), Now));

        var first = Assert.IsType<PatchWork>(Assert.Single(_pipeline.Start(Now, 8)));
        Assert.Equal(3, first.Pending.Change.Version);

        _pipeline.Offer(Change("L1", "E1", 4), Now);
        Assert.Empty(_pipeline.Start(Now, 8)); // v4 waits for v3's answer
        _pipeline.CompletePatch(first, PushResult.Ok, Now, 1);
        var second = Assert.IsType<PatchWork>(Assert.Single(_pipeline.Start(Now, 8)));
        Assert.Equal(4, second.Pending.Change.Version);
    }

    [Fact]
    public void Ids_that_differ_only_in_case_are_one_evse_in_the_backlog()
    {
        // OCPI ids are case-insensitive: a report for "l1"/"e1" is the same EVSE as "L1"/"E1", so an older version in
        // other case must not go out after a newer one.
        OfferVerified(Change("L1", "E1", 2));
        Assert.False(_pipeline.Offer(Change("l1", "e1", 1), Now));
        Assert.True(_pipeline.Offer(Change("l1", "e1", 3), Now));

        var work = Assert.IsType<PatchWork>(Assert.Single(_pipeline.Start(Now, 8)));
        Assert.Equal(3, work.Pending.Change.Version);
        Assert.Equal(new BacklogKey("L1", "E1"), work.Key);
    }

    [Fact]
    public void A_state_whose_answer_was_lost_is_checked_before_it_goes_again_and_a_newer_one_is_simply_sent()
    {
        var timedOut = new PushResult(PushOutcome.Retryable, "timeout"); // no answer: the partner may hold it
        OfferVerified(Change("L1", "E1", 2));
        var first = Assert.IsType<PatchWork>(Assert.Single(_pipeline.Start(Now, 8)));
        Assert.Equal(0, first.Pending.ChecksLeft);

        _pipeline.CompletePatch(first, timedOut, Now, 1);
        var again = Assert.IsType<PatchWork>(Assert.Single(_pipeline.Start(Now.AddMinutes(1), 8)));
        Assert.Equal(OrderedQueue.MaxChecks, again.Pending.ChecksLeft);

        _pipeline.CompletePatch(again, timedOut, Now, 1, checkedCopy: true); // the check got no answer either
        var third = Assert.IsType<PatchWork>(Assert.Single(_pipeline.Start(Now.AddMinutes(2), 8)));
        Assert.Equal(OrderedQueue.MaxChecks - 1, third.Pending.ChecksLeft);

        _pipeline.CompletePatch(third, new PushResult(PushOutcome.Success, "already_held"), Now, 1, checkedCopy: true);
        Assert.Equal(1, _pipeline.AlreadyHeld);
        Assert.True(_pipeline.IsIdle);

        // A 503 is an answer (not taken): the state goes again without a check; a newer state was never sent.
        OfferVerified(Change("L1", "E1", 3));
        var fourth = Assert.IsType<PatchWork>(Assert.Single(_pipeline.Start(Now.AddMinutes(3), 8)));
        _pipeline.CompletePatch(fourth, Unavailable, Now, 1);
        Assert.Equal(0, Assert.IsType<PatchWork>(Assert.Single(_pipeline.Start(Now.AddMinutes(4), 8))).Pending.ChecksLeft);
    }

    [Fact]
    public void A_newer_state_replacing_one_whose_answer_was_lost_goes_without_a_check()
    {
        OfferVerified(Change("L1", "E1", 2));
        var first = Assert.IsType<PatchWork>(Assert.Single(_pipeline.Start(Now, 8)));
        _pipeline.CompletePatch(first, new PushResult(PushOutcome.Retryable, "timeout"), Now, 1);
        _pipeline.Offer(Change("L1", "E1", 3), Now);

        var next = Assert.IsType<PatchWork>(Assert.Single(_pipeline.Start(Now.AddMinutes(1), 8)));
        Assert.Equal((3L, 0), (next.Pending.Change.Version, next.Pending.ChecksLeft));
    }

    [Fact]
    public void An_unverified_evse_waits_for_its_check_and_is_then_sent_with_the_current_state()
    {
        _pipeline.Offer(Change("L1", "E1", 2), Now);
        Assert.Empty(_pipeline.Start(Now, 8));

        var pending = Assert.Single(_pipeline.Backlog.TakeUnverified(100));
        _pipeline.Backlog.Verified(new BacklogKey("L1", "E1"), deliveredVersion: 1, current: Change("L1", "E1", 5, EvseStatus.Available));

        var work = Assert.IsType<PatchWork>(Assert.Single(_pipeline.Start(Now, 8)));
        Assert.Equal(5, work.Pending.Change.Version);
        Assert.Equal(EvseStatus.Available, work.Pending.Change.Status);
        Assert.Equal(pending.Since, work.Pending.Since);
    }

    [Fact]
    public void A_state_not_newer_than_what_an_earlier_activation_delivered_is_dropped()
    {
        _pipeline.Offer(Change("L1", "E1", 2), Now);
        _pipeline.Backlog.TakeUnverified(100);
        _pipeline.Backlog.Verified(new BacklogKey("L1", "E1"), deliveredVersion: 3, current: Change("L1", "E1", 3));

        Assert.Empty(_pipeline.Start(Now, 8));
        Assert.True(_pipeline.IsIdle);
    }

    [Fact]
    public void A_put_waits_for_the_patches_of_its_location_and_holds_back_new_ones()
    {
        OfferVerified(Change("L1", "E1", 2));
        var patch = Assert.IsType<PatchWork>(Assert.Single(_pipeline.Start(Now, 8)));

        _pipeline.OfferPut("L1", Now, changed: true);
        OfferVerified(Change("L1", "E2", 2));
        Assert.Empty(_pipeline.Start(Now, 8)); // neither the PUT (a PATCH in flight) nor E2's PATCH (a PUT pending)

        _pipeline.CompletePatch(patch, PushResult.Ok, Now, 1);
        var put = Assert.IsType<PutWork>(Assert.Single(_pipeline.Start(Now, 8)));
        OfferVerified(Change("L1", "E1", 3));
        Assert.Empty(_pipeline.Start(Now, 8)); // nothing of L1 while its PUT is in flight

        // The PUT carried E1 v3 and E2 v2: nothing of L1 is left to PATCH.
        var done = _pipeline.CompletePut(put, Snapshot("L1", ("E1", 3), ("E2", 2)), PushResult.Ok, Now, 1);
        Assert.Equal(2, done.Settled.Count);
        Assert.Empty(_pipeline.Start(Now, 8));
        Assert.True(_pipeline.IsIdle);
    }

    [Fact]
    public void A_patch_that_failed_is_never_requeued_below_what_a_put_delivered()
    {
        OfferVerified(Change("L1", "E1", 2));
        var patch = Assert.IsType<PatchWork>(Assert.Single(_pipeline.Start(Now, 8)));
        _pipeline.OfferPut("L1", Now, changed: true);
        _pipeline.CompletePatch(patch, Unavailable, Now, 1);

        // The PUT goes first once the backoff passed, and carries v3.
        var later = _pipeline.Throttle.PausedUntil;
        var put = Assert.IsType<PutWork>(Assert.Single(_pipeline.Start(later, 8)));
        _pipeline.CompletePut(put, Snapshot("L1", ("E1", 3)), PushResult.Ok, later, 1);

        Assert.Empty(_pipeline.Start(later, 8));
        Assert.True(_pipeline.IsIdle);
    }

    [Fact]
    public void A_rejected_patch_is_settled_and_recorded_with_its_codes_and_a_bounded_message_until_a_newer_state_is_delivered()
    {
        OfferVerified(Change("L1", "E1", 2));
        var patch = Assert.IsType<PatchWork>(Assert.Single(_pipeline.Start(Now, 8)));

        var done = _pipeline.CompletePatch(patch, BadRequest, Now, 1);

        Assert.True(done.RejectionsChanged);
        Assert.Equal(2, Assert.Single(done.Settled).Version);
        var rejection = Assert.Single(_pipeline.Health("P", Now).Rejections);
        Assert.Equal(("L1", "E1", 2L, 400, 2001), (rejection.LocationId, rejection.EvseUid, rejection.Version!.Value, rejection.HttpStatus!.Value, rejection.OcpiStatusCode!.Value));
        Assert.Equal(RejectionLog.MaxMessageLength, rejection.Message!.Length);
        Assert.False(_pipeline.Offer(Change("L1", "E1", 2), Now)); // the same state again: nothing to send
        Assert.Empty(_pipeline.Start(Now, 8));

        _pipeline.Offer(Change("L1", "E1", 3), Now);
        var newer = Assert.IsType<PatchWork>(Assert.Single(_pipeline.Start(Now, 8)));
        _pipeline.CompletePatch(newer, PushResult.Ok, Now, 1);
        Assert.Empty(_pipeline.Health("P", Now).Rejections);
    }

    [Fact]
    public void A_refused_location_is_not_put_again_for_a_lost_evse_but_is_when_it_changes()
    {
        _pipeline.OfferPut("L1", Now, changed: true);
        var put = Assert.IsType<PutWork>(Assert.Single(_pipeline.Start(Now, 8)));
        _pipeline.CompletePut(put, Snapshot("L1", ("E1", 1)), BadRequest, Now, 1);

        OfferVerified(Change("L1", "E1", 2));
        var patch = Assert.IsType<PatchWork>(Assert.Single(_pipeline.Start(Now, 8)));
        _pipeline.CompletePatch(patch, new PushResult(PushOutcome.UnknownObject, "http_404") { HttpStatus = 404 }, Now, 1);
        Assert.Empty(_pipeline.Start(Now, 8)); // no PUT loop
        Assert.Equal(2, _pipeline.Health("P", Now).Rejections.Length);

        _pipeline.OfferPut("L1", Now, changed: true);
        Assert.IsType<PutWork>(Assert.Single(_pipeline.Start(Now, 8)));
    }

    [Fact]
    public void A_lost_location_is_put_before_the_patch_is_tried_again()
    {
        OfferVerified(Change("L1", "E1", 2));
        var patch = Assert.IsType<PatchWork>(Assert.Single(_pipeline.Start(Now, 8)));
        _pipeline.CompletePatch(patch, new PushResult(PushOutcome.UnknownObject, "http_404"), Now, 1);

        Assert.IsType<PutWork>(Assert.Single(_pipeline.Start(Now, 8)));
    }

    [Fact]
    public void A_put_settles_the_document_version_it_read_delivered_or_refused_and_only_a_newer_one_is_owed_again()
    {
        _pipeline.OfferPut("L1", Now, changed: true);
        var put = Assert.IsType<PutWork>(Assert.Single(_pipeline.Start(Now, 8)));
        var done = _pipeline.CompletePut(put, Snapshot("L1", ("E1", 1)) with { DocumentVersion = 4 }, BadRequest, Now, 1);

        // Recorded in the ledger as the document's row, so reconcile does not PUT the refused document again...
        Assert.Contains(DeliveredVersion.OfDocument("L1", 4), done.Settled);
        Assert.False(_pipeline.Gate.OwesDocument("l1", 4)); // ...even before that record is committed
        Assert.True(_pipeline.Gate.OwesDocument("L1", 5));

        // A pending PUT reads the newest document when it goes: reconcile adds none.
        _pipeline.OfferPut("L1", Now, changed: true);
        Assert.False(_pipeline.Gate.OwesDocument("L1", 5));
        put = Assert.IsType<PutWork>(Assert.Single(_pipeline.Start(Now, 8)));
        done = _pipeline.CompletePut(put, Snapshot("L1", ("E1", 1)) with { DocumentVersion = 5 }, PushResult.Ok, Now, 1);
        Assert.Contains(DeliveredVersion.OfDocument("L1", 5), done.Settled);
        Assert.Empty(_pipeline.Health("P", Now).Rejections);
    }
}
