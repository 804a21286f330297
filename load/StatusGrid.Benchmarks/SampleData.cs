using System.Globalization;
using System.Text;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Benchmarks;

/// <summary>Inputs shaped like the load driver's: a 10-EVSE location, and ingest bodies of N changes.</summary>
internal static class SampleData
{
    public static Location Location(int evses = 10)
    {
        var json = new StringBuilder("""{"country_code":"NL","party_id":"SGR","id":"LD-000001","publish":true,"name":"Load LD-000001","address":"Stationsplein 1","city":"Utrecht","country":"NLD","coordinates":{"latitude":"52.090700","longitude":"5.121400"},"evses":[""");
        for (var e = 1; e <= evses; e++)
        {
            json.Append(e > 1 ? "," : "").Append(CultureInfo.InvariantCulture, $$"""
                {"uid":"LD-000001-E{{e}}","evse_id":"NL*SGR*E000001{{e:D2}}","status":"AVAILABLE","connectors":[{"id":"1","standard":"IEC_62196_T2","format":"SOCKET","power_type":"AC_3_PHASE","max_voltage":400,"max_amperage":32,"last_updated":"2025-01-01T00:00:00Z"}],"last_updated":"2025-01-01T00:00:00Z"}
                """);
        }

        json.Append("""],"time_zone":"Europe/Amsterdam","last_updated":"2025-01-01T00:00:00Z"}""");
        var parsed = OcpiParser.ParseLocation(Encoding.UTF8.GetBytes(json.ToString()), OcpiVersion.V221);
        return parsed.Value ?? throw new InvalidOperationException(string.Join("; ", parsed.Errors.Select(e => e.Message)));
    }

    /// <summary><c>{"changes":[...]}</c> with <paramref name="count"/> items, as the driver sends them.</summary>
    public static byte[] IngestBody(int count, DateTimeOffset observedAt)
    {
        var at = observedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var json = new StringBuilder("""{"changes":[""");
        for (var i = 0; i < count; i++)
        {
            var location = $"LD-{i / 10:D6}";
            json.Append(i > 0 ? "," : "").Append(CultureInfo.InvariantCulture,
                $$"""{"location_id":"{{location}}","evse_uid":"{{location}}-E{{(i % 10) + 1}}","status":"{{(i % 2 == 0 ? "CHARGING" : "AVAILABLE")}}","observed_at":"{{at}}"}""");
        }

        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }
}
