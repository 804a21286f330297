namespace StatusGrid.Server.Tests;

/// <summary>OCPI 2.2.1 Location JSON as a CPO sends it to the admin API.</summary>
public static class TestLocations
{
    public static string Json(string id, int evses = 2, string lastUpdated = "2026-01-01T08:00:00Z")
    {
        var evseJson = string.Join(",", Enumerable.Range(1, evses).Select(n => $$"""
            {"uid":"{{id}}-E{{n}}","evse_id":"NL*SGR*E{{id.Replace("-", "", StringComparison.Ordinal)}}{{n}}","status":"AVAILABLE",
             "connectors":[{"id":"1","standard":"IEC_62196_T2","format":"SOCKET","power_type":"AC_3_PHASE","max_voltage":400,"max_amperage":32,"last_updated":"{{lastUpdated}}"}],
             "last_updated":"{{lastUpdated}}"}
            """));
        return $$"""
            {"country_code":"NL","party_id":"SGR","id":"{{id}}","publish":true,"name":"Test {{id}}","address":"Stationsplein 1",
             "city":"Utrecht","country":"NLD","coordinates":{"latitude":"52.090700","longitude":"5.121400"},
             "evses":[{{evseJson}}],"time_zone":"Europe/Amsterdam","last_updated":"{{lastUpdated}}"}
            """;
    }
}
