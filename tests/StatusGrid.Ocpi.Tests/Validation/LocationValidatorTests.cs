using System.Text;
using System.Text.Json.Nodes;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Ocpi.Tests.Support;
using StatusGrid.Ocpi.Validation;

namespace StatusGrid.Ocpi.Tests.Validation;

public class LocationValidatorTests
{
    [Theory]
    [InlineData(OcpiVersion.V211)]
    [InlineData(OcpiVersion.V221)]
    [InlineData(OcpiVersion.V230)]
    public void Sample_location_is_valid_in_every_version(OcpiVersion version)
    {
        Assert.Empty(LocationValidator.Validate(Samples.Location(), version));
    }

    [Fact]
    public void Missing_required_string_is_reported_with_its_path()
    {
        var location = Samples.Location() with { City = null! };

        var error = Assert.Single(LocationValidator.Validate(location, OcpiVersion.V221));

        Assert.Equal("city", error.Path);
        Assert.Contains("required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_long_id_is_reported()
    {
        var location = Samples.Location() with { Id = new string('x', 37) };

        var error = Assert.Single(LocationValidator.Validate(location, OcpiVersion.V221));

        Assert.Equal("id", error.Path);
        Assert.Contains("at most 36", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Id_of_39_characters_is_allowed_in_211_only()
    {
        var location = Samples.Location() with { Id = new string('x', 39) };

        Assert.Empty(LocationValidator.Validate(location, OcpiVersion.V211));
        Assert.Single(LocationValidator.Validate(location, OcpiVersion.V221));
    }

    [Fact]
    public void Nested_errors_carry_the_full_snake_case_path()
    {
        var bad = Samples.Connector("2") with { Standard = "NOT_A_PLUG" };
        var location = Samples.Location(Samples.Evse("3256", Samples.Connector(), bad));

        var error = Assert.Single(LocationValidator.Validate(location, OcpiVersion.V221));

        Assert.Equal("evses[0].connectors[1].standard", error.Path);
        Assert.Contains("NOT_A_PLUG", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("51.0475", "latitude")]
    [InlineData("51,047599", "latitude")]
    [InlineData("91.000000", "latitude")]
    [InlineData("51.04759912", "latitude")]
    public void Bad_coordinates_are_reported(string latitude, string field)
    {
        var location = Samples.Location() with { Coordinates = new GeoLocation { Latitude = latitude, Longitude = "3.729944" } };

        var error = Assert.Single(LocationValidator.Validate(location, OcpiVersion.V221));

        Assert.Equal("coordinates." + field, error.Path);
    }

    [Fact]
    public void Coordinates_need_exactly_six_decimals_in_211_but_five_to_seven_later()
    {
        var location = Samples.Location() with { Coordinates = new GeoLocation { Latitude = "51.04759", Longitude = "3.7299441" } };

        Assert.Empty(LocationValidator.Validate(location, OcpiVersion.V221));
        var errors = LocationValidator.Validate(location, OcpiVersion.V211);
        Assert.Equal(["coordinates.latitude", "coordinates.longitude"], errors.Select(e => e.Path));
    }

    [Fact]
    public void Connector_type_added_in_230_is_an_error_for_221_but_valid_for_230()
    {
        var location = Samples.Location(Samples.Evse("1", Samples.Connector() with { Standard = ConnectorTypes.Mcs }));

        Assert.Equal("evses[0].connectors[0].standard", Assert.Single(LocationValidator.Validate(location, OcpiVersion.V221)).Path);
        Assert.Empty(LocationValidator.Validate(location, OcpiVersion.V230));
    }

    [Fact]
    public void Unknown_open_enum_value_is_tolerated_in_230_but_must_be_a_token()
    {
        var tolerated = Samples.Location() with { Facilities = ["ROOFTOP_BAR"] };
        var malformed = Samples.Location() with { Facilities = ["rooftop bar!"] };

        Assert.Empty(LocationValidator.Validate(tolerated, OcpiVersion.V230));
        Assert.Equal("facilities[0]", Assert.Single(LocationValidator.Validate(tolerated, OcpiVersion.V221)).Path);
        Assert.Equal("facilities[0]", Assert.Single(LocationValidator.Validate(malformed, OcpiVersion.V230)).Path);
    }

    [Fact]
    public void Facility_added_after_211_is_rejected_for_211()
    {
        var location = Samples.Location() with { Facilities = [Facilities.Hotel, Facilities.BikeSharing] };

        Assert.Empty(LocationValidator.Validate(location, OcpiVersion.V221));
        Assert.Equal("facilities[1]", Assert.Single(LocationValidator.Validate(location, OcpiVersion.V211)).Path);
    }

    [Fact]
    public void Two_phase_power_does_not_exist_in_211()
    {
        var location = Samples.Location(Samples.Evse("1", Samples.Connector() with { PowerType = PowerType.Ac2PhaseSplit }));

        Assert.Empty(LocationValidator.Validate(location, OcpiVersion.V221));
        Assert.Equal("evses[0].connectors[0].power_type", Assert.Single(LocationValidator.Validate(location, OcpiVersion.V211)).Path);
    }

    [Fact]
    public void Postal_code_is_required_in_211_only()
    {
        var location = Samples.Location() with { PostalCode = null };

        Assert.Empty(LocationValidator.Validate(location, OcpiVersion.V221));
        Assert.Equal("postal_code", Assert.Single(LocationValidator.Validate(location, OcpiVersion.V211)).Path);
    }

    [Fact]
    public void Missing_last_updated_is_reported()
    {
        var location = Samples.Location() with { LastUpdated = default };

        var errors = LocationValidator.Validate(location, OcpiVersion.V221);

        Assert.Contains(errors, e => e.Path == "last_updated" && e.Message.Contains("required", StringComparison.Ordinal));
    }

    [Fact]
    public void Location_older_than_its_evse_is_reported()
    {
        var evse = Samples.Evse() with { LastUpdated = Samples.Updated.AddMinutes(1) };
        var location = Samples.Location(evse);

        var error = Assert.Single(LocationValidator.Validate(location, OcpiVersion.V221));

        Assert.Equal("last_updated", error.Path);
        Assert.Contains("evses[0].last_updated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_evse_uids_are_reported_case_insensitively()
    {
        var location = Samples.Location(Samples.Evse("abc"), Samples.Evse("ABC"));

        Assert.Equal("evses[1].uid", Assert.Single(LocationValidator.Validate(location, OcpiVersion.V221)).Path);
    }

    [Fact]
    public void Publish_allowed_to_requires_publish_false_and_complete_tokens()
    {
        var location = Samples.Location() with
        {
            Publish = true,
            PublishAllowedTo = [new PublishTokenType { VisualNumber = "12345-67" }, new PublishTokenType { Uid = "123" }],
        };

        var paths = LocationValidator.Validate(location, OcpiVersion.V221).Select(e => e.Path).ToList();

        Assert.Equal(["publish_allowed_to", "publish_allowed_to[0].issuer", "publish_allowed_to[1].type"], paths);
    }

    [Fact]
    public void Display_text_and_business_details_are_checked()
    {
        var location = Samples.Location() with
        {
            Directions = [new DisplayText { Language = "english", Text = "Go left" }],
            Operator = new BusinessDetails { Name = "Op", Website = "not a url" },
        };

        var paths = LocationValidator.Validate(location, OcpiVersion.V221).Select(e => e.Path).ToList();

        Assert.Equal(["directions[0].language", "operator.website"], paths);
    }

    [Fact]
    public void Opening_hours_rules_are_checked()
    {
        var location = Samples.Location() with
        {
            OpeningTimes = new Hours
            {
                Twentyfourseven = false,
                RegularHours = [new RegularHours { Weekday = 8, PeriodBegin = "18:00", PeriodEnd = "07:00" }],
            },
        };

        var paths = LocationValidator.Validate(location, OcpiVersion.V221).Select(e => e.Path).ToList();

        Assert.Equal(["opening_times.regular_hours[0].weekday", "opening_times.regular_hours[0].period_end"], paths);
    }

    [Fact]
    public void Twentyfourseven_false_without_regular_hours_is_invalid()
    {
        var hours = new Hours { Twentyfourseven = false };

        Assert.Equal("regular_hours", Assert.Single(HoursValidator.Validate(hours, OcpiVersion.V221)).Path);
    }

    [Theory]
    [InlineData(OcpiVersion.V221)]
    [InlineData(OcpiVersion.V230)]
    public void Parking_of_230_is_checked_whatever_the_input_version_and_links_must_resolve(OcpiVersion version)
    {
        var evse = Samples.Evse() with { Parking = [new EvseParking { ParkingId = "P9", EvsePosition = "LEFT" }] };
        var location = Samples.Location(evse) with
        {
            ParkingPlaces = [new Parking { Id = "P1", VehicleTypes = [], RestrictedToType = false, ReservationRequired = false }],
        };

        var paths = LocationValidator.Validate(location, version).Select(e => e.Path).ToList();

        Assert.Equal(["parking_places[0].vehicle_types", "evses[0].parking[0].parking_id"], paths);
    }

    [Fact]
    public void Fields_of_230_in_a_location_parsed_by_221_rules_are_checked_by_230_rules()
    {
        // 2.3.0 partners receive these fields as they are, so input read as 2.2.1 (the admin default) must meet 2.3.0's rules.
        var json = JsonNode.Parse(Examples.Read("2.2.1", "location_example.json"))!.AsObject();
        json["help_phone"] = new string('1', 40);
        json["evses"]![0]!["parking"] = new JsonArray(new JsonObject { ["parking_id"] = "NOPE" });
        json["evses"]![0]!["accepted_service_providers"] = new JsonArray(new string('e', 51));
        json["evses"]![0]!["connectors"]![0]!["capabilities"] = new JsonArray("not a capability");

        var result = OcpiParser.ParseLocation(Encoding.UTF8.GetBytes(json.ToJsonString()), OcpiVersion.V221);

        Assert.Null(result.Value);
        Assert.Equal(
            ["evses[0].accepted_service_providers[0]", "evses[0].connectors[0].capabilities[0]", "evses[0].parking[0].parking_id", "help_phone"],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Contains(result.Errors, e => e.Path == "help_phone" && e.Message.Contains("at most 25", StringComparison.Ordinal));
    }

    [Fact]
    public void Spec_examples_of_230_still_validate_cleanly_by_221_rules()
    {
        foreach (var file in Examples.Files("2.3.0", "location_example*.json"))
        {
            var result = OcpiParser.ParseLocation(Examples.Read("2.3.0", file), OcpiVersion.V221);

            Assert.True(result.Errors.Count == 0, file + ": " + string.Join("; ", result.Errors.Select(e => e.Path + " " + e.Message)));
        }
    }

    [Fact]
    public void Invalid_country_and_party_identifiers_are_reported()
    {
        var location = Samples.Location() with { CountryCode = "BEL", PartyId = "B*C", Country = "BE" };

        var paths = LocationValidator.Validate(location, OcpiVersion.V221).Select(e => e.Path).ToList();

        Assert.Equal(["country_code", "party_id", "country"], paths);
    }
}
