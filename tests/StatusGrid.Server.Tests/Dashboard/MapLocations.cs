using System.Globalization;

namespace StatusGrid.Server.Tests.Dashboard;

/// <summary>OCPI 2.2.1 Locations at chosen places, for map tests: two cities far enough apart to be in different tiles.</summary>
public static class MapLocations
{
    public static readonly (double Lat, double Lon) Utrecht = (52.0907, 5.1214);
    public static readonly (double Lat, double Lon) Munich = (48.1372, 11.5756);

    public static string Json(string id, (double Lat, double Lon) at, string city, bool publish = true, int evses = 2, string status = "AVAILABLE")
    {
        var evseJson = string.Join(",", Enumerable.Range(1, evses).Select(n => $$"""
            {"uid":"{{id}}-E{{n}}","evse_id":"NL*SGR*E{{id.Replace("-", "", StringComparison.Ordinal)}}{{n}}","status":"{{status}}",
             "connectors":[{"id":"1","standard":"{{(n == 1 ? "IEC_62196_T2" : "IEC_62196_T2_COMBO")}}","format":"{{(n == 1 ? "SOCKET" : "CABLE")}}",
               "power_type":"{{(n == 1 ? "AC_3_PHASE" : "DC")}}","max_voltage":{{(n == 1 ? 230 : 500)}},"max_amperage":{{(n == 1 ? 32 : 300)}},
               "last_updated":"2026-01-01T08:00:00Z"}],
             "last_updated":"2026-01-01T08:00:00Z"}
            """));
        return $$"""
            {"country_code":"NL","party_id":"SGR","id":"{{id}}","publish":{{(publish ? "true" : "false")}},"name":"Charge {{id}}",
             "address":"Stationsplein {{id.Length}}","city":"{{city}}","postal_code":"3511","country":"NLD",
             "coordinates":{"latitude":"{{at.Lat.ToString("F6", CultureInfo.InvariantCulture)}}","longitude":"{{at.Lon.ToString("F6", CultureInfo.InvariantCulture)}}"},
             "operator":{"name":"StatusGrid Charging"},
             "evses":[{{evseJson}}],"time_zone":"Europe/Amsterdam","last_updated":"2026-01-01T08:00:00Z"}
            """;
    }

    public static string Change(string locationId, string evseUid, string status, string observedAt) =>
        $$"""{"changes":[{"location_id":"{{locationId}}","evse_uid":"{{evseUid}}","status":"{{status}}","observed_at":"{{observedAt}}"}]}""";
}
