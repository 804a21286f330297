using System.Text;
using System.Text.Json;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Ocpi.Tests.Locations;

public sealed class EvseStatusNamesTests
{
    [Fact]
    public void Every_status_has_the_name_its_json_has_and_parses_back()
    {
        foreach (var status in Enum.GetValues<EvseStatus>())
        {
            var name = EvseStatusNames.Of(status);

            Assert.Equal(JsonSerializer.Serialize(status, OcpiJson.Options), $"\"{name}\"");
            Assert.Equal(name, Encoding.ASCII.GetString(EvseStatusNames.Utf8Of(status)));
            Assert.True(EvseStatusNames.TryParse(name, out var parsed));
            Assert.Equal(status, parsed);
        }

        Assert.Equal(Enum.GetValues<EvseStatus>().Length, EvseStatusNames.All.Count);
    }

    [Theory]
    [InlineData("available")]
    [InlineData("OUT_OF_ORDER")]
    [InlineData("")]
    [InlineData(null)]
    public void A_name_that_is_not_an_ocpi_status_does_not_parse(string? name) => Assert.False(EvseStatusNames.TryParse(name, out _));

    [Fact]
    public void An_undefined_status_has_no_name() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EvseStatusNames.Of((EvseStatus)99));
}
