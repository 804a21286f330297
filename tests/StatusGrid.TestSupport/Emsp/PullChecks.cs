using System.Net;
using System.Text;
using System.Text.Json;
using StatusGrid.Ocpi;

namespace StatusGrid.TestSupport.Emsp;

/// <summary>What an eMSP checks on each page and Location it pulls from a CPO.</summary>
public static class PullChecks
{
    public static IEnumerable<string> Page(PulledPage page, JsonElement envelope, string version, (string CountryCode, string PartyId)? cpo, (string CountryCode, string PartyId) me)
    {
        if (page.Status != HttpStatusCode.OK)
        {
            yield return $"{page.Url}: HTTP {(int)page.Status}";
        }

        if (!envelope.TryGetProperty("timestamp", out var ts) || !OcpiDateTime.TryParse(ts.GetString(), out _))
        {
            yield return $"{page.Url}: envelope without a valid timestamp";
        }

        if (page.TotalCount is null || page.Limit is null)
        {
            yield return $"{page.Url}: X-Total-Count or X-Limit missing";
        }

        if (page.Limit is { } limit && page.Items > limit)
        {
            yield return $"{page.Url}: {page.Items} items exceed X-Limit {limit}";
        }

        if (version != "2.1.1")
        {
            foreach (var (header, expected) in new[]
            {
                ("OCPI-from-country-code", cpo?.CountryCode), ("OCPI-from-party-id", cpo?.PartyId),
                ("OCPI-to-country-code", me.CountryCode), ("OCPI-to-party-id", me.PartyId),
            })
            {
                if (!page.Headers.TryGetValue(header, out var value) || !string.Equals(value, expected, StringComparison.OrdinalIgnoreCase))
                {
                    yield return $"{page.Url}: {header} is '{value}', expected '{expected}'";
                }
            }
        }
    }

    public static IEnumerable<string> Location(JsonElement location, string version)
    {
        var id = location.TryGetProperty("id", out var i) ? i.GetString() : "?";
        if (version == "2.1.1")
        {
            foreach (var problem in V211Location(location))
            {
                yield return $"location {id}: {problem}";
            }

            yield break;
        }

        var parsed = OcpiParser.ParseLocation(Encoding.UTF8.GetBytes(location.GetRawText()), version == "2.3.0" ? OcpiVersion.V230 : OcpiVersion.V221);
        foreach (var error in parsed.Errors)
        {
            yield return $"location {id}: {error}";
        }
    }

    /// <summary>The 2.1.1 shape: no 2.2 fields, a LocationType, connectors with voltage/amperage, parents not older than children.</summary>
    public static IEnumerable<string> V211Location(JsonElement location)
    {
        foreach (var field in new[] { "country_code", "party_id", "publish", "publish_allowed_to" })
        {
            if (location.TryGetProperty(field, out _))
            {
                yield return $"'{field}' does not exist in 2.1.1";
            }
        }

        foreach (var field in new[] { "type", "id", "address", "city", "postal_code", "country", "coordinates", "last_updated" })
        {
            if (!location.TryGetProperty(field, out _))
            {
                yield return $"'{field}' is required in 2.1.1";
            }
        }

        var locationUpdated = Time(location);
        foreach (var evse in location.TryGetProperty("evses", out var evses) ? evses.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            if (Time(evse) > locationUpdated)
            {
                yield return $"evse {evse.GetProperty("uid")} is newer than its location";
            }

            foreach (var connector in evse.GetProperty("connectors").EnumerateArray())
            {
                if (!connector.TryGetProperty("voltage", out _) || !connector.TryGetProperty("amperage", out _) || connector.TryGetProperty("max_voltage", out _))
                {
                    yield return $"connector of {evse.GetProperty("uid")} is not 2.1.1-shaped (voltage/amperage)";
                }

                if (Time(connector) > Time(evse))
                {
                    yield return $"connector of {evse.GetProperty("uid")} is newer than its EVSE";
                }
            }
        }
    }

    private static DateTimeOffset Time(JsonElement element) =>
        element.TryGetProperty("last_updated", out var t) && OcpiDateTime.TryParse(t.GetString(), out var value) ? value : DateTimeOffset.MaxValue;
}
