using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Fanout;

namespace StatusGrid.Grains.Tests.Delivery;

/// <summary>
/// Which partners get a Location's PUT (<see cref="LocationPutRequest.Reaches"/>). A Location switched from
/// <c>publish: true</c> to <c>publish: false</c> reached no partner hiding unpublished Locations (the default, and
/// forced for 2.1.1), so they kept showing it publicly with a frozen status. Seen failing first end to end
/// (OcpiUnpublishPushTests: no second PUT).
/// </summary>
public sealed class LocationPutRequestTests
{
    private static readonly PartnerFilter PublishedOnly = PartnerFilter.Default;

    [Fact]
    public void A_published_location_hidden_by_this_change_reaches_a_published_only_partner_as_a_withdrawal()
    {
        Assert.True(new LocationPutRequest("L1", "NLD", Publish: false, WasPublished: true).Reaches(PublishedOnly));
    }

    [Fact]
    public void A_location_hidden_all_along_or_created_hidden_reaches_no_published_only_partner()
    {
        Assert.False(new LocationPutRequest("L1", "NLD", Publish: false, WasPublished: false).Reaches(PublishedOnly));
        Assert.False(new LocationPutRequest("L1", "NLD", Publish: false).Reaches(PublishedOnly));
    }

    [Fact]
    public void A_withdrawal_reaches_only_partners_whose_country_and_id_filters_allowed_the_location()
    {
        var withdrawal = new LocationPutRequest("L1", "NLD", Publish: false, WasPublished: true);

        Assert.True(withdrawal.Reaches(PublishedOnly with { Countries = ["NL"], LocationIds = ["L1", "L2"] }));
        Assert.False(withdrawal.Reaches(PublishedOnly with { Countries = ["BE"] }));
        Assert.False(withdrawal.Reaches(PublishedOnly with { LocationIds = ["L2"] }));
    }

    [Fact]
    public void Published_locations_reach_published_only_partners_and_a_partner_that_sees_hidden_ones_gets_every_put()
    {
        var seesHidden = PartnerFilter.Default with { PublishedOnly = false };

        Assert.True(new LocationPutRequest("L1", "NLD", Publish: true).Reaches(PublishedOnly));
        Assert.True(new LocationPutRequest("L1", "NLD", Publish: true, WasPublished: true).Reaches(PublishedOnly));
        Assert.True(new LocationPutRequest("L1", "NLD", Publish: false).Reaches(seesHidden));
        Assert.True(new LocationPutRequest("L1", "NLD", Publish: false, WasPublished: true).Reaches(seesHidden));
    }

    [Fact]
    public void A_location_moved_out_of_a_partners_countries_reaches_it_as_a_withdrawal_hidden_at_once_or_not()
    {
        var dutchOnly = PublishedOnly with { Countries = ["NL"] };

        Assert.True(new LocationPutRequest("L1", "BEL", Publish: true, WasPublished: true, WasCountry: "NLD").Reaches(dutchOnly));
        Assert.True(new LocationPutRequest("L1", "BEL", Publish: false, WasPublished: true, WasCountry: "NLD").Reaches(dutchOnly));
        // It never held one that was hidden, or elsewhere, before.
        Assert.False(new LocationPutRequest("L1", "BEL", Publish: false, WasPublished: false, WasCountry: "NLD").Reaches(dutchOnly));
        Assert.False(new LocationPutRequest("L1", "NLD", Publish: true, WasPublished: true, WasCountry: "BEL").Reaches(PublishedOnly with { Countries = ["DE"] }));
    }
}
