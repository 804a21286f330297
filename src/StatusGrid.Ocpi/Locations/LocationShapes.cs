using System.Text.Json;
using System.Text.Json.Nodes;
using StatusGrid.Ocpi.Locations.Shaping;

namespace StatusGrid.Ocpi.Locations;

/// <summary>
/// Produces the JSON of a Location, EVSE or Connector as a partner of a given OCPI version expects it.
/// </summary>
/// <remarks>
/// <para><b>2.3.0</b>: the model as is.</para>
/// <para><b>2.2.1</b>: without the 2.3.0-only fields (parking_places, help_phone, EVSE parking and
/// accepted_service_providers, connector capabilities), because strict receivers reject unknown fields. Values of
/// open enums that 2.2.1 lacks are mapped or dropped: connector SAE_J3400 → TESLA_S; parking restrictions
/// EMPLOYEES/TAXIS/TENANTS → CUSTOMERS; unknown facilities, capabilities, parking restrictions and environmental
/// impact entries dropped; unknown image categories → OTHER, token types → OTHER, parking types left out.
/// A connector whose type cannot be mapped (e.g. MCS) is left out, and so is an EVSE left without connectors.</para>
/// <para><b>2.1.1</b>: as 2.2.1 with the 2.1.1 enum lists (additionally NEMA_5_20 → DOMESTIC_B; AC_2_PHASE and
/// AC_2_PHASE_SPLIT → AC_1_PHASE), then: no country_code, party_id, publish, publish_allowed_to, state;
/// <c>type</c> (LocationType) from parking_type: ON_STREET, PARKING_GARAGE, UNDERGROUND_GARAGE and PARKING_LOT map
/// to themselves, ALONG_MOTORWAY → PARKING_LOT (a rest-area lot), ON_DRIVEWAY and unknown values → OTHER,
/// none → UNKNOWN; postal_code "" when absent (required in 2.1.1); address cut to 2.1.1's 45 characters (a strict
/// receiver rejects the whole Location otherwise); coordinates rounded/padded to 6 decimals;
/// connector voltage/amperage/tariff_id (the first of tariff_ids), no max_electric_power; opening_times carry
/// either twentyfourseven=true or regular_hours, and are left out when they have neither; environ_impact uses
/// <c>source</c>. 2.1.1 has no publish flag, so a Location with publish=false is never shown to a 2.1.1
/// partner (<see cref="IsPublishable"/>); one that held it while it was published gets it withdrawn, every EVSE
/// REMOVED (<see cref="AsPushed"/>).</para>
/// </remarks>
public static partial class LocationShapes
{
    public static JsonNode ToJson(Location location, OcpiVersion version)
    {
        if (version == OcpiVersion.V230)
        {
            return Node(location);
        }

        var downgraded = ModelDowngrade.Location(location, version);
        var node = Node(downgraded);
        return version == OcpiVersion.V211 ? V211Json.Location(node, location.ParkingType) : node;
    }

    /// <summary>The EVSE alone (PUT of an EVSE). Check <see cref="CanRepresent"/> first for older versions.</summary>
    public static JsonNode ToJson(Evse evse, OcpiVersion version)
    {
        if (version == OcpiVersion.V230)
        {
            return Node(evse);
        }

        var node = Node(ModelDowngrade.Evse(evse, version));
        return version == OcpiVersion.V211 ? V211Json.Evse(node) : node;
    }

    /// <summary>The Connector alone (PUT of a Connector). Check <see cref="CanRepresent(Connector, OcpiVersion)"/> first.</summary>
    public static JsonNode ToJson(Connector connector, OcpiVersion version)
    {
        if (version == OcpiVersion.V230)
        {
            return Node(connector);
        }

        // An unmappable connector type is sent as is: the caller asked for this very connector.
        var node = Node(ModelDowngrade.Connector(connector, version) ?? connector with { Capabilities = null });
        return version == OcpiVersion.V211 ? V211Json.Connector(node) : node;
    }

    public static byte[] Serialize(Location location, OcpiVersion version) =>
        version == OcpiVersion.V230 ? JsonSerializer.SerializeToUtf8Bytes(location, OcpiJson.Options) : Bytes(ToJson(location, version));

    public static byte[] Serialize(Evse evse, OcpiVersion version) =>
        version == OcpiVersion.V230 ? JsonSerializer.SerializeToUtf8Bytes(evse, OcpiJson.Options) : Bytes(ToJson(evse, version));

    public static byte[] Serialize(Connector connector, OcpiVersion version) =>
        version == OcpiVersion.V230 ? JsonSerializer.SerializeToUtf8Bytes(connector, OcpiJson.Options) : Bytes(ToJson(connector, version));

    /// <summary>False when none of the EVSE's connectors has a type the version knows (or a mapping to one).</summary>
    public static bool CanRepresent(Evse evse, OcpiVersion version) =>
        evse.Connectors.Any(c => CanRepresent(c, version));

    public static bool CanRepresent(Connector connector, OcpiVersion version) =>
        version == OcpiVersion.V230 || ModelDowngrade.Connector(connector, version) is not null;

    /// <summary>
    /// 2.1.1 has no publish flag: a Location hidden by publish=false must not be shown to a 2.1.1 partner (it is sent
    /// only to withdraw it, shaped by <see cref="AsPushed"/>).
    /// </summary>
    public static bool IsPublishable(Location location, OcpiVersion version) =>
        version != OcpiVersion.V211 || location.Publish;

    private static JsonObject Node<T>(T value) => JsonSerializer.SerializeToNode(value, OcpiJson.Options)!.AsObject();

    private static byte[] Bytes(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, OcpiJson.Options);
}
