using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using StatusGrid.Contracts.Registrations;
using StatusGrid.Grains.Registrations;
using StatusGrid.Ocpi;

namespace StatusGrid.Server.Tests.OcpiApi;

/// <summary>
/// <see cref="OcpiRegistration.Version"/> became an <see cref="OcpiVersion"/>; grain state stored while it was a string
/// must still load, and what is stored now must be what the older code reads.
/// </summary>
public sealed class RegistrationStateCompatibilityTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    /// <summary>
    /// The grain state of a registered 2.2.1 partner as the string-typed code stored it in SQLite (captured from a
    /// run of that code; the token and addresses replaced).
    /// </summary>
    private const string StoredByStringVersion =
        """{"Registration":{"PartnerId":"OLD-1","Status":1,"Direction":0,"Filter":{"PublishedOnly":true},"TokenHashes":["950fae188348e17bc3ff7b9fbb72964b61cc7291c12904950e862a1d5b64aac3"],"Version":"2.2.1","VersionsUrl":"http://emsp.test/ocpi/emsp/versions","CredentialsUrl":"http://emsp.test/ocpi/emsp/2.2.1/credentials","LocationsUrl":"http://emsp.test/ocpi/emsp/2.2.1/locations","Endpoints":[{"Identifier":"credentials","Role":"SENDER","Url":"http://emsp.test/ocpi/emsp/2.2.1/credentials"},{"Identifier":"locations","Role":"RECEIVER","Url":"http://emsp.test/ocpi/emsp/2.2.1/locations"}],"Roles":[{"Role":"EMSP","CountryCode":"DE","PartyId":"EMS","BusinessName":"Mock eMSP"}],"TheirToken":"emsp-token","RawTokenHeader":false,"ToCountryCode":"DE","ToPartyId":"EMS","ViaHub":false,"Generation":2,"UpdatedAt":"2026-11-29T06:30:44.909488+00:00"},"Generation":2}""";

    /// <summary>A pending invitation as that code stored it: no version yet, so no property at all.</summary>
    private const string PendingStoredByStringVersion =
        """{"Registration":{"PartnerId":"OLD-2","Status":0,"Direction":0,"Filter":{"PublishedOnly":true},"TokenHashes":["aa"],"Endpoints":[],"Roles":[],"RawTokenHeader":false,"ViaHub":false,"Generation":1,"UpdatedAt":"2026-11-29T06:30:44+00:00"},"Generation":1}""";

    private IGrainStorageSerializer Storage => fixture.Host.Services.GetRequiredService<IGrainStorageSerializer>();

    /// <summary>What the silo's grain storage makes of <paramref name="json"/>.</summary>
    private OcpiRegistration Load(string json) =>
        Storage.Deserialize<OcpiRegistrationState>(BinaryData.FromString(json))?.Registration ?? throw new InvalidOperationException("no registration in " + json);

    [Fact]
    public void Grain_state_stored_with_the_string_version_loads_with_the_typed_one()
    {
        var registration = Load(StoredByStringVersion);

        Assert.Equal(OcpiVersion.V221, registration.Version);
        Assert.Equal("http://emsp.test/ocpi/emsp/2.2.1/locations", registration.LocationsUrl);
        Assert.Equal(2, registration.Generation);

        Assert.Null(Load(PendingStoredByStringVersion).Version);
    }

    [Theory]
    [InlineData(OcpiVersion.V211, "2.1.1")]
    [InlineData(OcpiVersion.V221, "2.2.1")]
    [InlineData(OcpiVersion.V230, "2.3.0")]
    public void The_typed_version_is_stored_in_the_string_form_older_code_reads(OcpiVersion version, string number)
    {
        var state = new OcpiRegistrationState { Registration = Load(StoredByStringVersion) with { Version = version }, Generation = 2 };

        var json = Storage.Serialize(state).ToString();

        Assert.Equal(StoredByStringVersion.Replace("\"Version\":\"2.2.1\"", $"\"Version\":\"{number}\"", StringComparison.Ordinal), json);
        Assert.Equal(version, Load(json).Version);
    }

    [Fact]
    public void The_version_survives_a_trip_between_silos()
    {
        var serializer = fixture.Host.Services.GetRequiredService<Serializer>();
        var registration = Load(StoredByStringVersion);

        var copy = serializer.Deserialize<OcpiRegistration>(serializer.SerializeToArray(registration with { Version = OcpiVersion.V230 }));

        Assert.Equal(OcpiVersion.V230, copy?.Version);
        Assert.Equal((registration.PartnerId, registration.LocationsUrl, registration.Generation), (copy!.PartnerId, copy.LocationsUrl, copy.Generation));
    }
}
