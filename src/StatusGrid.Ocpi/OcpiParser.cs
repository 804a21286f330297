using System.Text.Json;
using StatusGrid.Ocpi.Json;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Ocpi.Validation;

namespace StatusGrid.Ocpi;

/// <summary>
/// Parses and validates OCPI payloads. Never throws for bad input: invalid JSON, wrong JSON types, missing
/// required fields and rule violations all come back as <see cref="OcpiValidationError"/>s with their JSON path.
/// Unknown properties are ignored. Input is the 2.2.1/2.3.0 object shape; <c>version</c> selects the rules.
/// </summary>
public static partial class OcpiParser
{
    public static OcpiParseResult<Location> ParseLocation(ReadOnlySpan<byte> utf8Json, OcpiVersion version) =>
        ParseObject<Location>(utf8Json, version, LocationValidator.Validate);

    public static OcpiParseResult<Location> ParseLocation(JsonElement element, OcpiVersion version) =>
        ParseObject<Location>(element, version, LocationValidator.Validate);

    public static OcpiParseResult<Evse> ParseEvse(ReadOnlySpan<byte> utf8Json, OcpiVersion version) =>
        ParseObject<Evse>(utf8Json, version, EvseValidator.Validate);

    public static OcpiParseResult<Connector> ParseConnector(ReadOnlySpan<byte> utf8Json, OcpiVersion version) =>
        ParseObject<Connector>(utf8Json, version, ConnectorValidator.Validate);

    public static OcpiParseResult<Hours> ParseHours(ReadOnlySpan<byte> utf8Json, OcpiVersion version) =>
        ParseObject<Hours>(utf8Json, version, HoursValidator.Validate);

    public static OcpiParseResult<EnergyMix> ParseEnergyMix(ReadOnlySpan<byte> utf8Json, OcpiVersion version) =>
        ParseObject<EnergyMix>(utf8Json, version, EnergyMixValidator.Validate);

    /// <summary>
    /// A JSON array of Locations (bulk import, or the data of a GET list). Valid Locations are returned even when
    /// others fail; each error path starts with the item's index, e.g. <c>[3].evses[0].uid</c>.
    /// </summary>
    public static OcpiParseResult<IReadOnlyList<Location>> ParseLocations(ReadOnlySpan<byte> utf8Json, OcpiVersion version) =>
        ParseArray<Location>(utf8Json, version, LocationValidator.Validate);

    public static OcpiParseResult<IReadOnlyList<Location>> ParseLocations(JsonElement element, OcpiVersion version) =>
        ParseArray<Location>(element, version, LocationValidator.Validate);

    private static OcpiParseResult<T> ParseObject<T>(ReadOnlySpan<byte> utf8Json, OcpiVersion version, Action<ValidationContext, string, T> validate)
        where T : class
    {
        if (!JsonDocuments.TryParse(utf8Json, out var document, out var syntaxError))
        {
            return new OcpiParseResult<T>(null, [syntaxError!]);
        }

        using (document)
        {
            return ParseObject(document!.RootElement, version, validate);
        }
    }

    private static OcpiParseResult<T> ParseObject<T>(JsonElement element, OcpiVersion version, Action<ValidationContext, string, T> validate)
        where T : class
    {
        var errors = new List<OcpiValidationError>();
        var value = ElementReader.Read(element, string.Empty, version, validate, errors);
        return new OcpiParseResult<T>(value, errors);
    }

    private static OcpiParseResult<IReadOnlyList<T>> ParseArray<T>(ReadOnlySpan<byte> utf8Json, OcpiVersion version, Action<ValidationContext, string, T> validate)
        where T : class
    {
        if (!JsonDocuments.TryParse(utf8Json, out var document, out var syntaxError))
        {
            return new OcpiParseResult<IReadOnlyList<T>>(null, [syntaxError!]);
        }

        using (document)
        {
            return ParseArray(document!.RootElement, version, validate);
        }
    }

    private static OcpiParseResult<IReadOnlyList<T>> ParseArray<T>(JsonElement element, OcpiVersion version, Action<ValidationContext, string, T> validate)
        where T : class
    {
        var errors = new List<OcpiValidationError>();
        var items = ElementReader.ReadArray(element, version, validate, errors);
        return new OcpiParseResult<IReadOnlyList<T>>(items, errors);
    }
}
