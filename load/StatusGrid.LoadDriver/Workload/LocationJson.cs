using System.Text.Json;

namespace StatusGrid.LoadDriver.Workload;

/// <summary>
/// OCPI 2.2.1 Location documents for the catalog: the smallest valid shape (one Type 2 connector per EVSE), written
/// straight to UTF-8 because a 100k-EVSE estate is ~30 MB of JSON.
/// </summary>
internal static class LocationJson
{
    private const string LastUpdated = "2025-01-01T00:00:00Z";

    /// <summary>A JSON array of locations <paramref name="first"/>..first+count-1, for <c>POST /api/admin/locations/import</c>.</summary>
    public static byte[] ImportBody(EvseCatalog catalog, int first, int count)
    {
        using var buffer = new MemoryStream(count * catalog.EvsesPerLocation * 300);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (var location = first; location < first + count; location++)
            {
                WriteLocation(writer, catalog, location);
            }

            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }

    /// <summary>Where location <paramref name="location"/> stands: a 200 × 200 grid, 0.01° apart, from 51°N 4°E.</summary>
    public static double Latitude(int location) => Math.Round(51.0 + (location % 200 / 100.0), 6);

    public static double Longitude(int location) => Math.Round(4.0 + (location / 200 % 200 / 100.0), 6);

    public static void WriteLocation(Utf8JsonWriter writer, EvseCatalog catalog, int location)
    {
        writer.WriteStartObject();
        writer.WriteString("country_code", EvseCatalog.CountryCode);
        writer.WriteString("party_id", EvseCatalog.PartyId);
        writer.WriteString("id", catalog.LocationId(location));
        writer.WriteBoolean("publish", true);
        writer.WriteString("name", "Load " + catalog.LocationId(location));
        writer.WriteString("address", "Stationsplein 1");
        writer.WriteString("city", "Utrecht");
        writer.WriteString("country", "NLD");
        writer.WriteStartObject("coordinates");
        // Spread over the Netherlands so a map would show them apart.
        writer.WriteString("latitude", Latitude(location).ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteString("longitude", Longitude(location).ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteEndObject();
        writer.WriteStartArray("evses");
        for (var e = 0; e < catalog.EvsesPerLocation; e++)
        {
            var evse = (location * catalog.EvsesPerLocation) + e;
            writer.WriteStartObject();
            writer.WriteString("uid", catalog.EvseUid(evse));
            writer.WriteString("evse_id", catalog.EvseId(evse));
            writer.WriteString("status", "AVAILABLE");
            writer.WriteStartArray("connectors");
            writer.WriteStartObject();
            writer.WriteString("id", "1");
            writer.WriteString("standard", "IEC_62196_T2");
            writer.WriteString("format", "SOCKET");
            writer.WriteString("power_type", "AC_3_PHASE");
            writer.WriteNumber("max_voltage", 400);
            writer.WriteNumber("max_amperage", 32);
            writer.WriteString("last_updated", LastUpdated);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteString("last_updated", LastUpdated);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("time_zone", "Europe/Amsterdam");
        writer.WriteString("last_updated", LastUpdated);
        writer.WriteEndObject();
    }
}
