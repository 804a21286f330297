using Microsoft.Extensions.Options;
using StatusGrid.Server.Dashboard;

namespace StatusGrid.Server.Tests.Dashboard;

/// <summary>
/// Map settings that would break the feed at run time (a negative interval makes its wait throw, a zero aggregate
/// interval its timer) are refused at start, naming the setting.
/// </summary>
public sealed class DashboardOptionsTests
{
    [Fact]
    public async Task A_negative_detail_interval_is_refused_at_start_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StatusGridHost.StartAsync(new Dictionary<string, string>
        {
            ["StatusGrid:Dashboard:DetailInterval"] = "-00:00:01",
        }));

        Assert.Contains("StatusGrid:Dashboard:DetailInterval", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AggregateInterval", "00:00:00")]
    [InlineData("MaxDetailInterval", "-00:00:01")]
    [InlineData("MaxDetailWritesPerSecond", "-1")]
    [InlineData("MaxTilesPerClient", "0")]
    [InlineData("DetailTileZoom", "25")]
    [InlineData("DetailMinZoom", "-1")]
    [InlineData("MaxSearchResults", "0")]
    public void Each_setting_out_of_range_is_named(string name, string value)
    {
        var options = new DashboardOptions();
        var property = typeof(DashboardOptions).GetProperty(name)!;
        property.SetValue(options, property.PropertyType == typeof(TimeSpan) ? TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : int.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

        var result = new DashboardOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"StatusGrid:Dashboard:{name}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_valid() => Assert.True(new DashboardOptionsValidator().Validate(null, new DashboardOptions()).Succeeded);
}
