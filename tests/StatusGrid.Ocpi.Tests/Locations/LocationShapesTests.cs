using System.Text.Json;
using System.Text.Json.Nodes;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Ocpi.Tests.Support;
using StatusGrid.Ocpi.Validation;

namespace StatusGrid.Ocpi.Tests.Locations;

public class LocationShapesTests
{
    private static Location Example(string folder, string file) =>
        OcpiParser.ParseLocation(Examples.Read(folder, file), ExampleVersion.Of(folder)).Value!;

    [Fact]
    public void Shape_211_has_no_221_fields_and_has_type()
    {
        var node = LocationShapes.ToJson(Example("2.2.1", "location_example.json"), OcpiVersion.V211).AsObject();

        foreach (var removed in new[] { "country_code", "party_id", "publish", "publish_allowed_to", "state", "parking_type" })
        {
            Assert.False(node.ContainsKey(removed), removed);
        }

        Assert.Equal("ON_STREET", node["type"]!.GetValue<string>());
        Assert.Equal("LOC1", node["id"]!.GetValue<string>());
    }

    [Fact]
    public void Shape_211_connector_uses_voltage_amperage_and_the_first_tariff()
    {
        var connector = Samples.Connector() with { MaxElectricPower = 22000 };

        var node = LocationShapes.ToJson(connector, OcpiVersion.V211).AsObject();

        Assert.Equal(230, node["voltage"]!.GetValue<int>());
        Assert.Equal(32, node["amperage"]!.GetValue<int>());
        Assert.Equal("T1", node["tariff_id"]!.GetValue<string>());
        Assert.False(node.ContainsKey("max_voltage"));
        Assert.False(node.ContainsKey("max_amperage"));
        Assert.False(node.ContainsKey("tariff_ids"));
        Assert.False(node.ContainsKey("max_electric_power"));
    }

    [Fact]
    public void Shape_211_of_nested_connectors_is_applied_too()
    {
        var node = LocationShapes.ToJson(Samples.Location(), OcpiVersion.V211);

        var connector = node["evses"]![0]!["connectors"]![0]!.AsObject();
        Assert.True(connector.ContainsKey("voltage"));
        Assert.False(connector.ContainsKey("max_voltage"));
    }

    [Theory]
    [InlineData(ParkingTypes.OnStreet, "ON_STREET")]
    [InlineData(ParkingTypes.ParkingGarage, "PARKING_GARAGE")]
    [InlineData(ParkingTypes.UndergroundGarage, "UNDERGROUND_GARAGE")]
    [InlineData(ParkingTypes.ParkingLot, "PARKING_LOT")]
    [InlineData(ParkingTypes.AlongMotorway, "PARKING_LOT")]
    [InlineData(ParkingTypes.OnDriveway, "OTHER")]
    [InlineData("FLOATING_PONTOON", "OTHER")]
    [InlineData(null, "UNKNOWN")]
    public void Shape_211_maps_parking_type_to_location_type(string? parkingType, string expected)
    {
        var node = LocationShapes.ToJson(Samples.Location() with { ParkingType = parkingType }, OcpiVersion.V211);

        Assert.Equal(expected, node["type"]!.GetValue<string>());
        Assert.Contains(node["type"]!.GetValue<string>(), LocationTypes.Known(OcpiVersion.V211));
    }

    [Fact]
    public void Shape_211_opening_times_carry_regular_hours_or_twentyfourseven_not_both()
    {
        var regular = LocationShapes.ToJson(Example("2.2.1", "location_example_parking_garage_opening_hours.json"), OcpiVersion.V211);
        var allDay = LocationShapes.ToJson(
            Samples.Location() with { OpeningTimes = new Hours { Twentyfourseven = true, RegularHours = [new RegularHours { Weekday = 1, PeriodBegin = "08:00", PeriodEnd = "09:00" }] } },
            OcpiVersion.V211);
        var neither = LocationShapes.ToJson(Samples.Location() with { OpeningTimes = new Hours { Twentyfourseven = false } }, OcpiVersion.V211);

        Assert.False(regular["opening_times"]!.AsObject().ContainsKey("twentyfourseven"));
        Assert.Equal(7, regular["opening_times"]!["regular_hours"]!.AsArray().Count);
        Assert.True(allDay["opening_times"]!["twentyfourseven"]!.GetValue<bool>());
        Assert.False(allDay["opening_times"]!.AsObject().ContainsKey("regular_hours"));
        Assert.False(neither.AsObject().ContainsKey("opening_times"));
    }

    [Fact]
    public void Shape_211_normalises_coordinates_to_six_decimals_and_fills_postal_code()
    {
        var location = Samples.Location() with
        {
            PostalCode = null,
            Coordinates = new GeoLocation { Latitude = "51.0475995", Longitude = "-3.72994" },
        };

        var node = LocationShapes.ToJson(location, OcpiVersion.V211);

        Assert.Equal("51.047600", node["coordinates"]!["latitude"]!.GetValue<string>());
        Assert.Equal("-3.729940", node["coordinates"]!["longitude"]!.GetValue<string>());
        Assert.Equal(string.Empty, node["postal_code"]!.GetValue<string>());
    }

    [Fact]
    public void Shape_211_maps_or_drops_values_211_lacks()
    {
        var evse = Samples.Evse(
            "1",
            Samples.Connector("1") with { Standard = ConnectorTypes.Nema5_20, PowerType = PowerType.Ac2PhaseSplit },
            Samples.Connector("2") with { Standard = ConnectorTypes.Chaoji }) with
        {
            Capabilities = [Capabilities.Reservable, Capabilities.PedTerminal],
        };
        var location = Samples.Location(evse) with { Facilities = [Facilities.Hotel, Facilities.MetroStation] };

        var node = LocationShapes.ToJson(location, OcpiVersion.V211);

        var connectors = node["evses"]![0]!["connectors"]!.AsArray();
        Assert.Single(connectors);
        Assert.Equal("DOMESTIC_B", connectors[0]!["standard"]!.GetValue<string>());
        Assert.Equal("AC_1_PHASE", connectors[0]!["power_type"]!.GetValue<string>());
        Assert.Equal(["RESERVABLE"], node["evses"]![0]!["capabilities"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(["HOTEL"], node["facilities"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public void Shape_211_cuts_an_address_longer_than_211s_45_characters()
    {
        var address = "Boulevard " + new string('x', 190);
        var location = Samples.Location() with { Address = address };
        Assert.Empty(LocationValidator.Validate(location, OcpiVersion.V221));

        var node = LocationShapes.ToJson(location, OcpiVersion.V211);

        Assert.Equal(address[..45], node["address"]!.GetValue<string>());
        Assert.Equal(address, LocationShapes.ToJson(location, OcpiVersion.V221)["address"]!.GetValue<string>());
    }

    [Fact]
    public void Shape_211_cut_does_not_split_a_surrogate_pair()
    {
        // 44 characters, then an emoji (two UTF-16 units) that straddles the 45th position.
        var address = new string('a', 44) + "\U0001F50C" + "bbb";

        var cut = LocationShapes.ToJson(Samples.Location() with { Address = address }, OcpiVersion.V211)["address"]!.GetValue<string>();

        Assert.Equal(new string('a', 44), cut);
    }

    [Fact]
    public void Shape_211_keeps_an_address_of_45_characters_as_it_is()
    {
        var address = new string('a', 45);

        var node = LocationShapes.ToJson(Samples.Location() with { Address = address }, OcpiVersion.V211);

        Assert.Equal(address, node["address"]!.GetValue<string>());
    }

    [Fact]
    public void Shape_211_renames_environmental_impact_category_to_source()
    {
        var mix = new EnergyMix { IsGreenEnergy = false, EnvironImpact = [new EnvironmentalImpact { Category = "CARBON_DIOXIDE", Amount = 372 }] };

        var node = LocationShapes.ToJson(Samples.Location() with { EnergyMix = mix }, OcpiVersion.V211);

        var impact = node["energy_mix"]!["environ_impact"]![0]!.AsObject();
        Assert.Equal("CARBON_DIOXIDE", impact["source"]!.GetValue<string>());
        Assert.False(impact.ContainsKey("category"));
    }

    [Fact]
    public void Shape_221_drops_230_only_fields()
    {
        var location = Example("2.3.0", "location_example.json") with { HelpPhone = "+3212345678" };
        Assert.NotNull(location.ParkingPlaces);

        var bytes = LocationShapes.Serialize(location, OcpiVersion.V221);

        var node = JsonNode.Parse(bytes)!.AsObject();
        Assert.False(node.ContainsKey("parking_places"));
        Assert.False(node.ContainsKey("help_phone"));
        Assert.All(node["evses"]!.AsArray(), e => Assert.False(e!.AsObject().ContainsKey("parking")));
        Assert.True(OcpiParser.ParseLocation(bytes, OcpiVersion.V221).IsValid);
    }

    [Fact]
    public void Shape_221_maps_230_values_and_drops_unrepresentable_evses()
    {
        var nacs = Samples.Evse("1", Samples.Connector() with { Standard = ConnectorTypes.SaeJ3400 }) with
        {
            ParkingRestrictions = [ParkingRestrictions.Employees, ParkingRestrictions.Tenants],
        };
        var mcsOnly = Samples.Evse("2", Samples.Connector() with { Standard = ConnectorTypes.Mcs });
        var location = Samples.Location(nacs, mcsOnly);

        var shaped = OcpiParser.ParseLocation(LocationShapes.Serialize(location, OcpiVersion.V221), OcpiVersion.V221);

        Assert.Empty(shaped.Errors);
        var evse = Assert.Single(shaped.Value!.Evses!);
        Assert.Equal("1", evse.Uid);
        Assert.Equal(ConnectorTypes.TeslaS, evse.Connectors[0].Standard);
        Assert.Equal([ParkingRestrictions.Customers], evse.ParkingRestrictions);
        Assert.True(LocationShapes.CanRepresent(nacs, OcpiVersion.V221));
        Assert.False(LocationShapes.CanRepresent(mcsOnly, OcpiVersion.V221));
        Assert.True(LocationShapes.CanRepresent(mcsOnly, OcpiVersion.V230));
    }

    [Fact]
    public void Shape_230_is_the_model_serialization()
    {
        var location = Example("2.3.0", "location_example.json");

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(location, OcpiJson.Options), LocationShapes.Serialize(location, OcpiVersion.V230));
        Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(location, OcpiJson.Options), LocationShapes.ToJson(location, OcpiVersion.V230)));
    }

    [Fact]
    public void Hidden_locations_are_not_publishable_to_211()
    {
        var hidden = Samples.Location() with { Publish = false };

        Assert.False(LocationShapes.IsPublishable(hidden, OcpiVersion.V211));
        Assert.True(LocationShapes.IsPublishable(hidden, OcpiVersion.V221));
        Assert.True(LocationShapes.IsPublishable(Samples.Location(), OcpiVersion.V211));
    }
}
