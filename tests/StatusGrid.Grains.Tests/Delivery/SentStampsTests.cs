using StatusGrid.Grains.Partners;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests.Delivery;

/// <summary>
/// The <c>last_updated</c> of what one partner is sent, without a cluster: a Location PUT (its EVSEs included) is never
/// older than what the partner was last sent for it, and one that changes what the partner holds is newer.
/// </summary>
public sealed class SentStampsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // The document was last edited an hour before the filter changed.
    private static readonly Location Document = SampleLocations.Create("L1", 2) with { LastUpdated = Now.AddHours(-1) };

    private readonly SentStamps _stamps = new();

    private Location Send(bool owed = false, bool retired = false, DateTimeOffset? at = null, Location? location = null) =>
        _stamps.Stamp(location ?? Document, owed, retired, at ?? Now, out _);

    [Fact]
    public void A_location_no_filter_change_touched_goes_as_stored_and_nothing_is_to_be_stored()
    {
        Assert.Equal(Document, _stamps.Stamp(Document, owed: false, retired: false, Now, out var minted));
        Assert.False(minted);
    }

    [Fact]
    public void A_resend_of_the_unchanged_document_after_a_filter_change_put_is_not_older_than_that_put()
    {
        var withdrawal = Send(owed: true);
        Assert.Equal(Now, withdrawal.LastUpdated);

        // An admin resync, a reconcile, a re-activation: the row was closed by the withdrawal, nothing is owed.
        var resend = Send(at: Now.AddMinutes(5));

        Assert.True(resend.LastUpdated >= withdrawal.LastUpdated, $"resend {resend.LastUpdated:O} is older than the withdrawal {withdrawal.LastUpdated:O}");
    }

    [Fact]
    public void A_put_that_must_be_applied_is_newer_than_the_last_sent_even_from_a_silo_whose_clock_is_behind()
    {
        var withdrawal = Send(owed: true);

        // Widened again at once, by an activation on a silo 5 s behind.
        var back = Send(owed: true, at: Now.AddSeconds(-5));

        Assert.True(back.LastUpdated > withdrawal.LastUpdated, $"the Location back {back.LastUpdated:O} is not newer than its withdrawal {withdrawal.LastUpdated:O}");
    }

    [Fact]
    public void A_filter_change_put_is_newer_than_a_document_stamped_ahead_of_the_clock()
    {
        var ahead = Document with { LastUpdated = Now.AddSeconds(3) };

        Assert.Equal(ahead.LastUpdated.AddMilliseconds(1), Send(owed: true, location: ahead).LastUpdated);
    }

    [Fact]
    public void The_stamps_minted_for_a_location_are_to_be_stored_before_its_put_goes_and_hold_in_a_new_activation()
    {
        var withdrawal = _stamps.Stamp(Document, owed: true, retired: false, Now, out var minted);
        Assert.True(minted, "a minted stamp must be stored before its PUT goes");

        var next = new SentStamps();
        next.Restore(_stamps.Snapshot());
        var resend = next.Stamp(Document, owed: false, retired: false, Now.AddSeconds(-30), out minted);

        Assert.False(minted);
        Assert.Equal(withdrawal.LastUpdated, resend.LastUpdated);
    }

    [Fact]
    public void A_2_1_1_withdrawal_sends_each_evse_removed_newer_than_the_partner_holds_it()
    {
        var withdrawal = Send(owed: true, retired: true);

        Assert.All(withdrawal.Evses!, e => Assert.True(e.LastUpdated > Document.Evses!.Single(d => d.Uid == e.Uid).LastUpdated,
            $"{e.Uid} REMOVED at {e.LastUpdated:O}, the partner holds it at {Document.Evses!.Single(d => d.Uid == e.Uid).LastUpdated:O}"));
        Assert.All(withdrawal.Evses!, e => Assert.True(e.LastUpdated <= withdrawal.LastUpdated, "the Location is at least as recent as its EVSEs"));
    }

    [Fact]
    public void An_unpublish_to_a_2_1_1_partner_retires_the_evses_newer_too_and_a_resend_keeps_their_stamps()
    {
        var unpublished = Document with { Publish = false, LastUpdated = Now };
        var withdrawal = _stamps.Stamp(unpublished, owed: false, retired: true, Now, out var minted);
        Assert.True(minted);
        Assert.All(withdrawal.Evses!, e => Assert.True(e.LastUpdated > SampleLocations.Created));

        var resend = Send(retired: true, at: Now.AddMinutes(1), location: unpublished);

        Assert.Equal(withdrawal.Evses!.Select(e => e.LastUpdated), resend.Evses!.Select(e => e.LastUpdated));
        Assert.Equal(withdrawal.LastUpdated, resend.LastUpdated);
    }

    [Fact]
    public void The_location_back_after_a_2_1_1_withdrawal_has_each_evse_newer_than_its_removed_copy()
    {
        var withdrawal = Send(owed: true, retired: true);

        var back = Send(owed: true, at: Now.AddSeconds(-5));

        Assert.All(back.Evses!, e => Assert.True(e.LastUpdated > withdrawal.Evses!.Single(w => w.Uid == e.Uid).LastUpdated,
            $"{e.Uid} back at {e.LastUpdated:O}, REMOVED at {withdrawal.Evses!.Single(w => w.Uid == e.Uid).LastUpdated:O}"));
    }

    [Fact]
    public void A_patch_after_the_location_came_back_is_newer_than_the_evse_in_that_put_and_each_later_one_newer_still()
    {
        Send(owed: true, retired: true);
        var back = Send(owed: true, at: Now.AddSeconds(1));
        var held = back.Evses![0].LastUpdated;

        // Observed before the PUT was read, sent after it.
        var first = _stamps.Patch("L1", back.Evses[0].Uid, Now.AddMilliseconds(500));
        var again = _stamps.Patch("L1", back.Evses[0].Uid, Now.AddMilliseconds(500)); // its retry: the same message
        var second = _stamps.Patch("L1", back.Evses[0].Uid, Now.AddMilliseconds(700));

        Assert.True(first > held, $"PATCH at {first:O}, the partner holds the EVSE at {held:O}");
        Assert.Equal(first, again);
        Assert.True(second > first, $"second PATCH at {second:O}, first at {first:O}");
        Assert.Equal(Now.AddHours(1), _stamps.Patch("L1", back.Evses[0].Uid, Now.AddHours(1)));
        Assert.Equal(Now, _stamps.Patch("L2", "L2-E1", Now));
    }
    [Fact]
    public void A_filter_change_floor_is_forgotten_once_a_newer_status_of_the_location_is_patched()
    {
        // A filter change that moves every Location leaves a floor for each; kept forever they would fill the
        // partner's stored state. The Location's own clock passing the floor makes it redundant.
        var put = Send(owed: true);

        Assert.Equal(put.LastUpdated.AddSeconds(1), _stamps.Patch("L1", "L1-E1", put.LastUpdated.AddSeconds(1)));

        Assert.Empty(_stamps.Snapshot());
        var later = Document with { LastUpdated = put.LastUpdated.AddSeconds(1) };
        Assert.Equal(later.LastUpdated, Send(location: later).LastUpdated);
    }

    [Fact]
    public void A_filter_change_floor_is_forgotten_once_a_newer_document_is_put()
    {
        var put = Send(owed: true);
        var edited = Document with { LastUpdated = put.LastUpdated.AddMinutes(1) };

        Assert.Equal(edited.LastUpdated, Send(location: edited).LastUpdated);

        Assert.Empty(_stamps.Snapshot());
    }

    [Fact]
    public void A_floor_stays_while_the_location_has_nothing_newer_than_it()
    {
        var put = Send(owed: true);

        Assert.Equal(put.LastUpdated.AddSeconds(-1), _stamps.Patch("L1", "L1-E1", put.LastUpdated.AddSeconds(-1)));
        Assert.Equal(put.LastUpdated, _stamps.Patch("L1", "L1-E1", put.LastUpdated));
        Assert.Equal(put.LastUpdated, Send(at: Now.AddMinutes(1)).LastUpdated);

        Assert.Single(_stamps.Snapshot());
    }

    [Fact]
    public void The_floors_of_a_2_1_1_withdrawal_and_return_stay_after_newer_patches()
    {
        // Their EVSE stamps were minted too: one newer PATCH says nothing of the Location's other EVSEs.
        Send(owed: true, retired: true);
        Assert.Single(_stamps.Snapshot());
        _stamps.Patch("L1", "L1-E1", Now.AddHours(1));
        Assert.True(_stamps.Snapshot().Single().Value.Withdrawn);

        Send(owed: true, at: Now.AddSeconds(1));
        _stamps.Patch("L1", "L1-E1", Now.AddHours(2));
        Assert.True(_stamps.Snapshot().Single().Value.Evses);
    }

    /// <summary>
    /// A 2.1.1 partner whose filter narrowed and widened again holds a floor per Location that came back, which
    /// stayed in its stored state for good (every state write of a partner of a 100k-EVSE estate carried 100k
    /// floors). Once a PUT carries each EVSE newer than the floor, it raises nothing any more. Failed first: the
    /// floor stayed.
    /// </summary>
    [Fact]
    public void The_floor_of_a_location_back_after_a_2_1_1_withdrawal_goes_once_a_put_has_every_evse_newer()
    {
        Send(owed: true, retired: true);
        var back = Send(owed: true, at: Now.AddSeconds(1));
        var floor = back.LastUpdated;

        // One EVSE newer is not enough: the other still needs raising.
        var oneNewer = Document with { Evses = [Document.Evses![0] with { LastUpdated = floor.AddSeconds(1) }, Document.Evses[1]] };
        Assert.Equal(floor, Send(location: oneNewer).Evses![1].LastUpdated);
        Assert.Single(_stamps.Snapshot());

        var allNewer = Document with { Evses = [.. Document.Evses.Select(e => e with { LastUpdated = floor.AddSeconds(2) })] };
        Assert.Equal(floor.AddSeconds(2), Send(location: allNewer).LastUpdated);
        Assert.Empty(_stamps.Snapshot());

        // Without the floor, each later message keeps its own stamp.
        Assert.Equal(floor.AddSeconds(3), _stamps.Patch("L1", "L1-E1", floor.AddSeconds(3)));
    }
}
