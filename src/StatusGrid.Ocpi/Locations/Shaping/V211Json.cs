using System.Globalization;
using System.Text.Json.Nodes;

namespace StatusGrid.Ocpi.Locations.Shaping;

/// <summary>Rewrites the JSON of an already downgraded model into the OCPI 2.1.1 object shapes.</summary>
internal static class V211Json
{
    private static readonly string[] RemovedLocationFields = ["country_code", "party_id", "publish", "publish_allowed_to", "state", "parking_type"];

    /// <summary>2.1.1's Location.address is string(45); 2.2.1 (bugfix branch) allows 255, and input is checked by that.</summary>
    private const int AddressMaxLength = 45;

    public static JsonObject Location(JsonObject node, string? parkingType)
    {
        foreach (var name in RemovedLocationFields)
        {
            node.Remove(name);
        }

        // A strict 2.1.1 receiver rejects the whole Location over one over-long string, so the 2.1.1 shape carries the
        // start of an address longer than 2.1.1 allows; the full text stays in the model and in 2.2.1+ shapes. Of the
        // 2.1.1 lengths the digest states, only address is shorter than 2.2.1's (ids are longer, the others equal).
        Cut(node, "address", AddressMaxLength);

        // 2.1.1 requires postal_code; a place without one gets an empty string rather than an invented value.
        node["postal_code"] ??= string.Empty;
        node = WithAfter(node, "id", "type", LocationTypeOf(parkingType));
        Coordinates(node["coordinates"] as JsonObject);
        if (node["related_locations"] is JsonArray related)
        {
            foreach (var item in related)
            {
                Coordinates(item as JsonObject);
            }
        }

        if (node["evses"] is JsonArray evses)
        {
            foreach (var evse in evses)
            {
                Evse((JsonObject)evse!);
            }
        }

        OpeningTimes(node);
        if (node["energy_mix"]?["environ_impact"] is JsonArray impacts)
        {
            foreach (var impact in impacts.OfType<JsonObject>())
            {
                Rename(impact, "category", "source");
            }
        }

        return node;
    }

    public static JsonObject Evse(JsonObject node)
    {
        Coordinates(node["coordinates"] as JsonObject);
        if (node["connectors"] is JsonArray connectors)
        {
            foreach (var connector in connectors)
            {
                Connector((JsonObject)connector!);
            }
        }

        return node;
    }

    public static JsonObject Connector(JsonObject node)
    {
        Rename(node, "max_voltage", "voltage");
        Rename(node, "max_amperage", "amperage");
        node.Remove("max_electric_power");

        // 2.1.1 has a single optional tariff_id; the first active tariff is the one to show.
        var tariffs = node["tariff_ids"] as JsonArray;
        node.Remove("tariff_ids");
        if (tariffs is { Count: > 0 })
        {
            node["tariff_id"] = tariffs[0]!.GetValue<string>();
        }

        return node;
    }

    /// <summary>
    /// ParkingType to 2.1.1 LocationType. A motorway rest area is an off-street parking lot; a private driveway
    /// has no counterpart (OTHER); no parking type means UNKNOWN.
    /// </summary>
    public static string LocationTypeOf(string? parkingType) => parkingType switch
    {
        null => LocationTypes.Unknown,
        ParkingTypes.OnStreet => LocationTypes.OnStreet,
        ParkingTypes.ParkingGarage => LocationTypes.ParkingGarage,
        ParkingTypes.UndergroundGarage => LocationTypes.UndergroundGarage,
        ParkingTypes.ParkingLot => LocationTypes.ParkingLot,
        ParkingTypes.AlongMotorway => LocationTypes.ParkingLot,
        _ => LocationTypes.Other,
    };

    /// <summary>2.1.1 Hours is either twentyfourseven or regular_hours, never both.</summary>
    private static void OpeningTimes(JsonObject location)
    {
        if (location["opening_times"] is not JsonObject hours)
        {
            return;
        }

        var allDay = hours["twentyfourseven"]?.GetValue<bool>() == true;
        var hasRegular = hours["regular_hours"] is JsonArray { Count: > 0 };
        if (allDay)
        {
            hours.Remove("regular_hours");
        }
        else if (hasRegular)
        {
            hours.Remove("twentyfourseven");
        }
        else
        {
            // Neither is usable: leave opening times out rather than send an invalid object.
            location.Remove("opening_times");
        }
    }

    /// <summary>2.1.1 coordinates have exactly 6 decimals (rounded or zero-padded).</summary>
    private static void Coordinates(JsonObject? geo)
    {
        if (geo is null)
        {
            return;
        }

        foreach (var name in new[] { "latitude", "longitude" })
        {
            if (geo[name]?.GetValue<string>() is { } text
                && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                geo[name] = Math.Round(value, 6, MidpointRounding.AwayFromZero).ToString("0.000000", CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>
    /// Shortens the string property to at most <paramref name="maxLength"/> UTF-16 units, which keeps it within the
    /// limit whether a receiver counts code points or UTF-16 units, without splitting a surrogate pair.
    /// </summary>
    private static void Cut(JsonObject node, string name, int maxLength)
    {
        if (node[name]?.GetValue<string>() is not { } text || text.Length <= maxLength)
        {
            return;
        }

        var end = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        node[name] = text[..end];
    }

    private static void Rename(JsonObject node, string from, string to)
    {
        if (node.Remove(from, out var value))
        {
            node[to] = value;
        }
    }

    /// <summary>Rebuilds the object with the new property right after <paramref name="after"/>, for readable output.</summary>
    private static JsonObject WithAfter(JsonObject node, string after, string name, JsonNode? value)
    {
        var result = new JsonObject();
        var inserted = false;
        foreach (var (key, child) in node.ToList())
        {
            node.Remove(key);
            result[key] = child;
            if (key == after)
            {
                result[name] = value;
                inserted = true;
            }
        }

        if (!inserted)
        {
            result[name] = value;
        }

        return result;
    }
}
