using System.Globalization;

namespace StatusGrid.IngestBench;

/// <summary>Valid OCPI 2.2.1 Locations for seeding: ids BENCH-00000.., EVSE uids {id}-E1.., all AVAILABLE.</summary>
internal static class BenchLocations
{
    public static string Id(int index) => string.Create(CultureInfo.InvariantCulture, $"BENCH-{index:D5}");

    public static string Json(int index, int evses)
    {
        var id = Id(index);
        var evseJson = string.Join(",", Enumerable.Range(1, evses).Select(n => $$"""
            {"uid":"{{id}}-E{{n}}","status":"AVAILABLE","connectors":[{"id":"1","standard":"IEC_62196_T2","format":"SOCKET",
             "power_type":"AC_3_PHASE","max_voltage":400,"max_amperage":32,"last_updated":"2026-01-01T00:00:00Z"}],
             "last_updated":"2026-01-01T00:00:00Z"}
            """));
        var latitude = (52.0 + (index % 100 * 0.01)).ToString("0.000000", CultureInfo.InvariantCulture);
        return $$"""
            {"country_code":"NL","party_id":"SGR","id":"{{id}}","publish":true,"name":"Bench {{id}}","address":"Benchstraat {{index}}",
             "city":"Utrecht","country":"NLD","coordinates":{"latitude":"{{latitude}}","longitude":"5.121400"},
             "evses":[{{evseJson}}],"time_zone":"Europe/Amsterdam","last_updated":"2026-01-01T00:00:00Z"}
            """;
    }
}
