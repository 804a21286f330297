using StatusGrid.Grains.Partners;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests.Delivery;

public sealed class UnrepresentableEvsesTests
{
    private static Location WithMcsOnlySecondEvse(string id)
    {
        var location = SampleLocations.Create(id);
        var evses = location.Evses!.ToList();
        evses[1] = evses[1] with { Connectors = [evses[1].Connectors[0] with { Standard = "MCS", PowerType = PowerType.Dc }] };
        return location with { Evses = evses };
    }

    [Theory]
    [InlineData(OcpiVersion.V211)]
    [InlineData(OcpiVersion.V221)]
    public void An_evse_with_only_230_connector_types_is_known_as_one_an_older_partner_cannot_hold(OcpiVersion version)
    {
        var known = new UnrepresentableEvses();

        known.Learn(WithMcsOnlySecondEvse("UR-1"), version);

        Assert.True(known.Contains("UR-1", "UR-1-E2"));
        Assert.True(known.Contains("ur-1", "ur-1-e2")); // OCPI ids are case-insensitive
        Assert.False(known.Contains("UR-1", "UR-1-E1"));
        Assert.False(known.Contains("UR-2", "UR-1-E2"));
    }

    [Fact]
    public void A_230_partner_can_hold_every_evse()
    {
        var known = new UnrepresentableEvses();

        known.Learn(WithMcsOnlySecondEvse("UR-3"), OcpiVersion.V230);

        Assert.False(known.Contains("UR-3", "UR-3-E2"));
        Assert.Equal(0, known.Count);
    }

    [Fact]
    public void An_edit_that_gives_the_evse_a_connector_the_partner_knows_makes_it_sent_again()
    {
        var known = new UnrepresentableEvses();
        known.Learn(WithMcsOnlySecondEvse("UR-4"), OcpiVersion.V221);

        known.Learn(SampleLocations.Create("UR-4"), OcpiVersion.V221);

        Assert.False(known.Contains("UR-4", "UR-4-E2"));
        Assert.Equal(0, known.Count);
    }

    [Fact]
    public void A_location_counts_as_known_once_learnt_even_without_such_evses_and_never_for_a_230_partner()
    {
        var known = new UnrepresentableEvses();
        Assert.False(known.Knows("UR-5"));

        known.Learn(SampleLocations.Create("UR-5"), OcpiVersion.V221);
        known.Learn(WithMcsOnlySecondEvse("UR-6"), OcpiVersion.V230);

        Assert.True(known.Knows("ur-5"));
        Assert.False(known.Contains("UR-5", "UR-5-E1"));
        Assert.False(known.Knows("UR-6"));
    }
}
