using Microsoft.Extensions.Options;
using StatusGrid.Server.Hosting;

namespace StatusGrid.Server.Tests.Hosting;

/// <summary>
/// Request limits that would break every request of a kind (a body limit of zero, a read timeout that is not
/// positive or could never bind) are refused at start, naming the setting.
/// </summary>
public sealed class RequestLimitOptionsTests
{
    [Fact]
    public async Task A_read_timeout_of_zero_is_refused_at_start_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StatusGridHost.StartAsync(new Dictionary<string, string>
        {
            ["StatusGrid:Limits:ClusterReadTimeout"] = "00:00:00",
        }));

        Assert.Contains("StatusGrid:Limits:ClusterReadTimeout", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ClusterReadTimeout", "-00:00:01")]
    [InlineData("ClusterReadTimeout", "00:00:31")]
    [InlineData("IngestBodyBytes", "0")]
    [InlineData("OcpiBodyBytes", "-1")]
    [InlineData("ImportBodyBytes", "0")]
    [InlineData("DefaultBodyBytes", "0")]
    public void Each_setting_out_of_range_is_named(string name, string value)
    {
        var options = new RequestLimitOptions();
        var property = typeof(RequestLimitOptions).GetProperty(name)!;
        property.SetValue(options, property.PropertyType == typeof(TimeSpan)
            ? TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
            : long.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

        var result = new RequestLimitOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"StatusGrid:Limits:{name}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_valid() => Assert.True(new RequestLimitOptionsValidator().Validate(null, new RequestLimitOptions()).Succeeded);
}
