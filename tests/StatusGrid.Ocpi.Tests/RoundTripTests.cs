using System.Text.Json;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Ocpi.Tests.Support;
using StatusGrid.Ocpi.Transport;
using StatusGrid.Ocpi.Validation;
using StatusGrid.Ocpi.Versions;

namespace StatusGrid.Ocpi.Tests;

/// <summary>parse → serialize → parse gives an equal object, and the JSON means the same as the example file.</summary>
public class RoundTripTests
{
    private static readonly string[] Folders = ["2.2.1", "2.3.0"];

    public static TheoryData<string, string> FilesMatching(string pattern)
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in Folders)
        {
            foreach (var file in Examples.Files(folder, pattern))
            {
                data.Add(folder, file);
            }
        }

        Assert.NotEmpty(data);
        return data;
    }

    public static TheoryData<string, string> LocationFiles() => FilesMatching("location_example*.json");

    public static TheoryData<string, string> HoursFiles() => FilesMatching("location_hours_*.json");

    public static TheoryData<string, string> RegularHoursFiles() => FilesMatching("location_regularhours_*.json");

    public static TheoryData<string, string> EnergyMixFiles() => FilesMatching("location_energymix_*.json");

    public static TheoryData<string, string> CredentialsFiles() => FilesMatching("credentials_example*.json");

    public static TheoryData<string, string> VersionDetailsFiles() => FilesMatching("version_details_example*.json");

    public static TheoryData<string, string> VersionInfoFiles() => FilesMatching("versions_info_example*.json");

    [Theory]
    [MemberData(nameof(LocationFiles))]
    public void Location_examples_round_trip(string folder, string file)
    {
        var input = Examples.Read(folder, file);
        var version = ExampleVersion.Of(folder);

        var value = AssertRoundTrip(input, json => OcpiParser.ParseLocation(json, version));

        // The version-shaped output of an example of that version is the example itself.
        JsonEquivalence.AssertEquivalent(input, LocationShapes.Serialize(value, version));
    }

    [Theory]
    [MemberData(nameof(HoursFiles))]
    public void Hours_examples_round_trip(string folder, string file)
    {
        var hours = AssertRoundTrip(Examples.Read(folder, file), json => OcpiParser.ParseHours(json, ExampleVersion.Of(folder)));

        Assert.NotNull(hours.ExceptionalOpenings ?? hours.ExceptionalClosings);
    }

    [Theory]
    [MemberData(nameof(RegularHoursFiles))]
    public void Regular_hours_examples_round_trip_as_hours(string folder, string file)
    {
        var input = JsonPick.Property(Examples.Read(folder, file), "opening_times");

        var hours = AssertRoundTrip(input, json => OcpiParser.ParseHours(json, ExampleVersion.Of(folder)));

        Assert.False(hours.Twentyfourseven);
        Assert.Equal([1, 2, 3, 4, 5], hours.RegularHours!.Select(r => r.Weekday));
        Assert.Equal("08:00", hours.RegularHours![0].PeriodBegin);
    }

    [Theory]
    [MemberData(nameof(EnergyMixFiles))]
    public void Energy_mix_examples_round_trip(string folder, string file)
    {
        var input = JsonPick.Property(Examples.Read(folder, file), "energy_mix");

        var mix = AssertRoundTrip(input, json => OcpiParser.ParseEnergyMix(json, ExampleVersion.Of(folder)));

        if (file.Contains("complete", StringComparison.Ordinal))
        {
            Assert.Equal(0.0006m, mix.EnvironImpact![0].Amount);
            Assert.Equal(EnergySourceCategory.GeneralGreen, mix.EnergySources![0].Source);
        }
    }

    [Theory]
    [MemberData(nameof(CredentialsFiles))]
    public void Credentials_examples_round_trip(string folder, string file)
    {
        var credentials = AssertRoundTrip(Examples.Read(folder, file), json => OcpiParser.ParseCredentials(json, ExampleVersion.Of(folder)));

        Assert.NotEmpty(credentials.Roles);
        Assert.StartsWith("https://", credentials.Url, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(VersionDetailsFiles))]
    public void Version_details_examples_round_trip(string folder, string file)
    {
        var details = AssertRoundTrip(Examples.Read(folder, file), json => OcpiParser.ParseVersionDetails(json, ExampleVersion.Of(folder)));

        Assert.Contains(details.Endpoints, e => e.Identifier == ModuleId.Locations && e.Role == InterfaceRole.Sender);
    }

    [Theory]
    [MemberData(nameof(VersionInfoFiles))]
    public void Versions_info_examples_round_trip(string folder, string file)
    {
        var input = Examples.Read(folder, file);
        var first = OcpiParser.ParseVersionInfos(input, ExampleVersion.Of(folder));
        Assert.Empty(first.Errors);

        var serialized = JsonSerializer.SerializeToUtf8Bytes(first.Value, OcpiJson.Options);
        var second = OcpiParser.ParseVersionInfos(serialized, ExampleVersion.Of(folder));

        Assert.Equal(first.Value, second.Value);
        Assert.Equal(["2.1.1", "2.2.1"], first.Value!.Select(v => v.Version));
        JsonEquivalence.AssertEquivalent(input, serialized);
    }

    [Theory]
    [InlineData("2.2.1")]
    [InlineData("2.3.0")]
    public void Transport_envelope_examples_round_trip(string folder)
    {
        var infoInput = Examples.Read(folder, "transport_and_format_version_info_example.json");
        var infoEnvelope = OcpiParser.ParseResponse(infoInput);
        Assert.Empty(infoEnvelope.Errors);
        Assert.True(infoEnvelope.Value!.IsSuccess);
        var infos = OcpiParser.ParseVersionInfos(infoEnvelope.Value.Data, ExampleVersion.Of(folder));
        Assert.Empty(infos.Errors);
        var rebuilt = OcpiResponse.Success(infos.Value!, infoEnvelope.Value.Timestamp, infoEnvelope.Value.StatusMessage);
        JsonEquivalence.AssertEquivalent(infoInput, JsonSerializer.SerializeToUtf8Bytes(rebuilt, OcpiJson.Options));

        var detailsInput = Examples.Read(folder, "transport_and_format_version_details_example.json");
        var detailsEnvelope = OcpiParser.ParseResponse(detailsInput);
        Assert.Empty(detailsEnvelope.Errors);
        var details = OcpiParser.ParseVersionDetails(detailsEnvelope.Value!.Data, ExampleVersion.Of(folder));
        Assert.Empty(details.Errors);
        Assert.Equal(2, details.Value!.Endpoints.Count);
        var rebuiltDetails = OcpiResponse.Success(details.Value, detailsEnvelope.Value.Timestamp, detailsEnvelope.Value.StatusMessage);
        JsonEquivalence.AssertEquivalent(detailsInput, JsonSerializer.SerializeToUtf8Bytes(rebuiltDetails, OcpiJson.Options));
    }

    private static T AssertRoundTrip<T>(byte[] input, Func<byte[], OcpiParseResult<T>> parse)
        where T : class
    {
        var first = parse(input);
        Assert.Empty(first.Errors);
        Assert.NotNull(first.Value);

        var serialized = JsonSerializer.SerializeToUtf8Bytes(first.Value, OcpiJson.Options);
        var second = parse(serialized);

        Assert.Empty(second.Errors);
        Assert.Equal(first.Value, second.Value);
        JsonEquivalence.AssertEquivalent(input, serialized);
        return first.Value;
    }
}
