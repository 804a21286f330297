using System.Text;
using System.Text.Json;
using StatusGrid.Ocpi.Credentials;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Ocpi.Tests.Support;
using StatusGrid.Ocpi.Validation;
using StatusGrid.Ocpi.Versions;

namespace StatusGrid.Ocpi.Tests.Configuration;

public class CredentialsAndVersionsTests
{
    private static OcpiCredentials Example4(string folder = "2.2.1") =>
        OcpiParser.ParseCredentials(Examples.Read(folder, "credentials_example4.json"), ExampleVersion.Of(folder)).Value!;

    [Fact]
    public void Credentials_example_with_three_cpo_roles_parses()
    {
        var credentials = Example4();

        Assert.Equal(["EXO", "PFC", "CGP"], credentials.Roles.Select(r => r.PartyId));
        Assert.All(credentials.Roles, r => Assert.Equal(Role.Cpo, r.Role));
    }

    [Fact]
    public void Duplicate_role_party_pairs_are_rejected()
    {
        var credentials = Example4() with { Roles = [Example4().Roles[0], Example4().Roles[0] with { PartyId = "exo" }] };

        Assert.Equal("roles[1].role", Assert.Single(CredentialsValidator.Validate(credentials, OcpiVersion.V221)).Path);
    }

    [Fact]
    public void Hub_role_is_removed_in_230()
    {
        var credentials = Example4() with { Roles = [Example4().Roles[0] with { Role = Role.Hub }] };

        Assert.Empty(CredentialsValidator.Validate(credentials, OcpiVersion.V221));
        Assert.Equal("roles[0].role", Assert.Single(CredentialsValidator.Validate(credentials, OcpiVersion.V230)).Path);
    }

    [Fact]
    public void Hub_party_id_exists_only_in_230()
    {
        var credentials = Example4() with { HubPartyId = "NLHUB" };

        Assert.Empty(CredentialsValidator.Validate(credentials, OcpiVersion.V230));
        Assert.Equal("hub_party_id", Assert.Single(CredentialsValidator.Validate(credentials, OcpiVersion.V221)).Path);
        Assert.Equal("hub_party_id", Assert.Single(CredentialsValidator.Validate(credentials with { HubPartyId = "NLHUB1" }, OcpiVersion.V230)).Path);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    public void Token_must_be_printable_non_whitespace_ascii(string token)
    {
        Assert.Equal("token", Assert.Single(CredentialsValidator.Validate(Example4() with { Token = token }, OcpiVersion.V221)).Path);
    }

    [Fact]
    public void Empty_roles_and_missing_business_details_are_reported()
    {
        var json = "{\"token\":\"abc\",\"url\":\"https://x.example/versions\",\"roles\":[]}"u8;
        var noDetails = "{\"token\":\"abc\",\"url\":\"https://x.example/versions\",\"roles\":[{\"role\":\"CPO\",\"party_id\":\"EXA\",\"country_code\":\"NL\"}]}"u8;

        Assert.Equal("roles", Assert.Single(OcpiParser.ParseCredentials(json, OcpiVersion.V221).Errors).Path);
        Assert.Equal("roles[0].business_details", Assert.Single(OcpiParser.ParseCredentials(noDetails, OcpiVersion.V221).Errors).Path);
    }

    [Fact]
    public void Flat_211_credentials_parse_validate_and_round_trip()
    {
        var json = Encoding.UTF8.GetBytes(
            "{\"url\":\"https://example.com/ocpi/cpo/versions/\",\"token\":\"ebf3b399-779f-4497-9b9d-ac6ad3cc44d2\"," +
            "\"party_id\":\"EXA\",\"country_code\":\"NL\",\"business_details\":{\"name\":\"Example Operator\"}}");

        var result = OcpiParser.ParseCredentialsV211(json);

        Assert.True(result.IsValid);
        Assert.Equal("EXA", result.Value!.PartyId);
        JsonEquivalence.AssertEquivalent(json, JsonSerializer.SerializeToUtf8Bytes(result.Value, OcpiJson.Options));
        Assert.Single(CredentialsValidator.Validate(result.Value with { CountryCode = "NLD" }));
    }

    [Fact]
    public void Role_based_credentials_are_not_211()
    {
        Assert.Contains(CredentialsValidator.Validate(Example4(), OcpiVersion.V211), e => e.Message.Contains("CredentialsV211", StringComparison.Ordinal));
    }

    [Fact]
    public void Endpoint_role_is_required_from_22_on()
    {
        var details = new VersionDetails
        {
            Version = VersionNumbers.V211,
            Endpoints = [new OcpiEndpoint { Identifier = ModuleId.Locations, Url = "https://x.example/ocpi/2.1.1/locations" }],
        };

        Assert.Empty(VersionsValidator.Validate(details, OcpiVersion.V211));
        Assert.Equal("endpoints[0].role", Assert.Single(VersionsValidator.Validate(details, OcpiVersion.V221)).Path);
    }

    [Fact]
    public void Custom_module_identifiers_are_allowed_but_urls_must_be_absolute()
    {
        var details = new VersionDetails
        {
            Version = VersionNumbers.V221,
            Endpoints =
            [
                new OcpiEndpoint { Identifier = "nltnm-tokens", Role = InterfaceRole.Sender, Url = "https://x.example/t" },
                new OcpiEndpoint { Identifier = ModuleId.Locations, Role = InterfaceRole.Receiver, Url = "/relative" },
            ],
        };

        Assert.Equal("endpoints[1].url", Assert.Single(VersionsValidator.Validate(details, OcpiVersion.V221)).Path);
    }

    [Fact]
    public void Versions_list_rejects_unknown_version_numbers_before_230_and_empty_lists()
    {
        var list = "[{\"version\":\"2.4\",\"url\":\"https://x.example/2.4\"}]"u8;

        Assert.Equal("[0].version", Assert.Single(OcpiParser.ParseVersionInfos(list, OcpiVersion.V221).Errors).Path);
        Assert.True(OcpiParser.ParseVersionInfos(list, OcpiVersion.V230).IsValid);
        Assert.Null(OcpiParser.ParseVersionInfos("[]"u8, OcpiVersion.V221).Value);
    }

    [Fact]
    public void Business_details_logo_is_checked()
    {
        var example3 = OcpiParser.ParseCredentials(Examples.Read("2.2.1", "credentials_example3.json"), OcpiVersion.V221).Value!;
        var logo = example3.Roles[0].BusinessDetails.Logo!;
        var broken = example3 with
        {
            Roles = [example3.Roles[0] with { BusinessDetails = example3.Roles[0].BusinessDetails with { Logo = logo with { Category = "SELFIE", Width = 100000 } } }],
        };

        Assert.Equal(512, logo.Width);
        Assert.Equal(
            ["roles[0].business_details.logo.category", "roles[0].business_details.logo.width"],
            CredentialsValidator.Validate(broken, OcpiVersion.V221).Select(e => e.Path));
    }

    [Fact]
    public void Ocpi_version_strings()
    {
        Assert.Equal(["2.1.1", "2.2.1", "2.3.0"], Enum.GetValues<OcpiVersion>().Select(v => v.ToVersionString()));
        Assert.True(OcpiVersions.TryParse("2.3.0", out var v230));
        Assert.Equal(OcpiVersion.V230, v230);
        Assert.False(OcpiVersions.TryParse("2.2", out _));
        Assert.Equal("\"2.2.1\"", JsonSerializer.Serialize(OcpiVersion.V221, OcpiJson.Options));
    }

    [Fact]
    public void Image_categories_are_shared_by_all_versions()
    {
        Assert.True(ImageCategories.Known(OcpiVersion.V211).SetEquals(ImageCategories.Known(OcpiVersion.V230)));
    }
}
