using StatusGrid.Ocpi.Locations;
using StatusGrid.Ocpi.Tests.Support;
using StatusGrid.Ocpi.Validation;

namespace StatusGrid.Ocpi.Tests.Validation;

public class EvseAndConnectorValidatorTests
{
    [Fact]
    public void Evse_without_connectors_is_invalid()
    {
        var evse = Samples.Evse() with { Connectors = [] };

        var error = Assert.Single(EvseValidator.Validate(evse, OcpiVersion.V221));

        Assert.Equal("connectors", error.Path);
        Assert.Contains("at least one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evse_id_must_follow_emi3()
    {
        Assert.Empty(EvseValidator.Validate(Samples.Evse() with { EvseId = "NL*ALL*EGO0000013" }, OcpiVersion.V221));
        Assert.Empty(EvseValidator.Validate(Samples.Evse() with { EvseId = "DEALLE0000001" }, OcpiVersion.V221));
        Assert.Equal("evse_id", Assert.Single(EvseValidator.Validate(Samples.Evse() with { EvseId = "3256" }, OcpiVersion.V221)).Path);
    }

    [Fact]
    public void Duplicate_connector_ids_are_reported()
    {
        var evse = Samples.Evse("1", Samples.Connector("1"), Samples.Connector("1"));

        Assert.Equal("connectors[1].id", Assert.Single(EvseValidator.Validate(evse, OcpiVersion.V221)).Path);
    }

    [Fact]
    public void Evse_older_than_its_connector_is_reported()
    {
        var evse = Samples.Evse("1", Samples.Connector() with { LastUpdated = Samples.Updated.AddSeconds(1) });

        Assert.Equal("last_updated", Assert.Single(EvseValidator.Validate(evse, OcpiVersion.V221)).Path);
    }

    [Fact]
    public void Physical_reference_longer_than_16_is_reported()
    {
        var evse = Samples.Evse() with { PhysicalReference = new string('7', 17) };

        Assert.Equal("physical_reference", Assert.Single(EvseValidator.Validate(evse, OcpiVersion.V221)).Path);
    }

    [Fact]
    public void Connector_numbers_must_be_positive_and_ids_bounded()
    {
        var connector = Samples.Connector() with { MaxVoltage = 0, MaxAmperage = -1, MaxElectricPower = 0, TariffIds = [new string('t', 37)] };

        var paths = ConnectorValidator.Validate(connector, OcpiVersion.V221).Select(e => e.Path).ToList();

        Assert.Equal(["max_voltage", "max_amperage", "max_electric_power", "tariff_ids[0]"], paths);
    }

    [Fact]
    public void Undefined_closed_enum_value_is_reported()
    {
        var connector = Samples.Connector() with { Format = (ConnectorFormat)42 };

        Assert.Equal("format", Assert.Single(ConnectorValidator.Validate(connector, OcpiVersion.V221)).Path);
    }

    [Theory]
    [InlineData(OcpiVersion.V221)]
    [InlineData(OcpiVersion.V230)]
    public void Connector_capabilities_are_checked_by_230_rules_whatever_the_input_version(OcpiVersion version)
    {
        var connector = Samples.Connector() with { Capabilities = [ConnectorCapabilities.Iso15118_20PlugAndCharge, "bad value"] };

        Assert.Equal("capabilities[1]", Assert.Single(ConnectorValidator.Validate(connector, version)).Path);
    }

    [Fact]
    public void Evse_parking_and_service_providers_are_checked_by_230_rules_under_221()
    {
        var evse = Samples.Evse() with
        {
            Parking = [new EvseParking { ParkingId = new string('p', 37), EvsePosition = "left side" }],
            AcceptedServiceProviders = [new string('e', 51)],
        };

        var paths = EvseValidator.Validate(evse, OcpiVersion.V221).Select(e => e.Path).ToList();

        Assert.Equal(["parking[0].parking_id", "parking[0].evse_position", "accepted_service_providers[0]"], paths);
    }
}
