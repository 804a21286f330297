using StatusGrid.Ocpi.Tests.Support;
using StatusGrid.Ocpi.Validation;

namespace StatusGrid.Ocpi.Tests.Locations;

public class LocationExampleTests
{
    public static TheoryData<string, string> LocationExamples()
    {
        var data = new TheoryData<string, string>();
        foreach (var version in new[] { "2.2.1", "2.3.0" })
        {
            foreach (var file in Examples.Files(version, "location_example*.json"))
            {
                data.Add(version, file);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LocationExamples))]
    public void Location_example_parses_and_validates_cleanly(string version, string file)
    {
        var result = OcpiParser.ParseLocation(Examples.Read(version, file), ExampleVersion.Of(version));

        Assert.Empty(result.Errors);
        Assert.NotNull(result.Value);
        Assert.NotEmpty(result.Value.Evses!);
    }

    [Theory]
    [InlineData("2.2.1")]
    [InlineData("2.3.0")]
    public void Add_evse_example_is_rejected_naming_the_wrong_fields(string version)
    {
        var result = OcpiParser.ParseEvse(Examples.Read(version, "location_put_example_add_evse.json"), ExampleVersion.Of(version));

        Assert.Null(result.Value);
        var paths = result.Errors.Select(e => e.Path).ToHashSet();
        Assert.Contains("physical_reference", paths);
        Assert.Contains("connectors[0].power_type", paths);
        Assert.Contains("connectors[0].max_voltage", paths);
        Assert.Contains("connectors[0].max_amperage", paths);
        Assert.Contains("connectors[0].last_updated", paths);
        // "floor" is not an OCPI field: tolerated, not reported.
        Assert.DoesNotContain(result.Errors, e => e.Path.Contains("floor", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Path == "physical_reference" && e.Message.Contains("must be a string, but is a number", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Path == "connectors[0].power_type" && e.Message.Contains("missing", StringComparison.Ordinal));
        Assert.Equal(5, result.Errors.Count);
    }

    [Theory]
    [InlineData("2.2.1")]
    [InlineData("2.3.0")]
    public void Add_evse_example_is_rejected_as_a_location_too(string version)
    {
        var result = OcpiParser.ParseLocation(Examples.Read(version, "location_put_example_add_evse.json"), ExampleVersion.Of(version));

        Assert.Null(result.Value);
        Assert.Contains(result.Errors, e => e.Path == "country_code");
        Assert.Contains(result.Errors, e => e.Path == "coordinates");
    }
}
