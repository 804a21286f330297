using System.Globalization;
using Microsoft.Extensions.Options;
using StatusGrid.Server.Ingest;

namespace StatusGrid.Server.Tests.Ingest;

/// <summary>
/// Ingest settings that would break every report (a negative grain timeout is a 500 for each batch, a batch size of
/// zero a 413, a negative clock skew refuses every report) are refused at start, naming the setting and its range.
/// </summary>
public sealed class IngestOptionsTests
{
    [Theory]
    [InlineData("GrainTimeout", "-00:00:01")]
    [InlineData("MaxBatchSize", "0")]
    [InlineData("MaxClockSkew", "-00:00:01")]
    public async Task A_setting_that_breaks_every_report_is_refused_at_start_naming_it(string name, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StatusGridHost.StartAsync(new Dictionary<string, string>
        {
            [$"StatusGrid:Ingest:{name}"] = value,
        }));

        Assert.Contains($"StatusGrid:Ingest:{name}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MaxBatchSize", "0")]
    [InlineData("MaxBatchSize", "-1")]
    [InlineData("MaxClockSkew", "-00:00:01")]
    [InlineData("MaxClockSkew", "1.00:00:01")]
    [InlineData("GrainTimeout", "00:00:00")]
    [InlineData("GrainTimeout", "00:05:01")]
    [InlineData("RetryAfter", "-00:00:01")]
    [InlineData("RetryAfter", "01:00:01")]
    public void Each_setting_out_of_range_is_named_with_its_range(string name, string value)
    {
        var options = new IngestOptions();
        var property = typeof(IngestOptions).GetProperty(name)!;
        property.SetValue(options, property.PropertyType == typeof(TimeSpan)
            ? TimeSpan.Parse(value, CultureInfo.InvariantCulture)
            : int.Parse(value, CultureInfo.InvariantCulture));

        var result = new IngestOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"StatusGrid:Ingest:{name} is {value}; set ", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_and_a_zero_clock_skew_are_valid()
    {
        Assert.True(new IngestOptionsValidator().Validate(null, new IngestOptions()).Succeeded);
        Assert.True(new IngestOptionsValidator().Validate(null, new IngestOptions { MaxClockSkew = TimeSpan.Zero }).Succeeded);
    }
}
