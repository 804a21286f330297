using System.Text;
using System.Text.Json;
using StatusGrid.Ocpi;

namespace StatusGrid.TestSupport.Emsp;

/// <summary>
/// What an eMSP checks on each push it receives, given what the handshake agreed: URL (the owner's party, ids),
/// headers (token encoding, routing, message ids), body (valid for the version, ids match the URL, PATCH carries
/// last_updated, parents never older than their children).
/// </summary>
public static class PushChecks
{
    public sealed record Agreement(string Token, string Version, string CpoCountryCode, string CpoPartyId, string ToCountryCode, string ToPartyId);

    public static IEnumerable<string> Check(ReceivedPush push, Agreement agreed)
    {
        var label = $"{push.Method} {push.Url}";
        var problems = new List<string>();
        if (!push.Headers.TryGetValue("Authorization", out var auth) || auth != MockEmsp.Header(agreed.Token, agreed.Version))
        {
            problems.Add($"{label}: Authorization '{auth}' is not the agreed token encoded for {agreed.Version}");
        }

        if (push.Method is not ("PUT" or "PATCH" or "GET"))
        {
            problems.Add($"{label}: a CPO sends a Locations receiver only PUT, PATCH or GET");
        }

        // A GET (a CPO reading its pushed copy back) has no body to describe.
        if (push.Method != "GET" && (!push.Headers.TryGetValue("Content-Type", out var type) || !type.StartsWith("application/json", StringComparison.Ordinal)))
        {
            problems.Add($"{label}: Content-Type '{type}'");
        }

        CheckHeaders(push, agreed, label, problems);
        var segments = push.Path.Split('/');
        if (segments.Length is < 3 or > 5
            || !string.Equals(segments[0], agreed.CpoCountryCode, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(segments[1], agreed.CpoPartyId, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{label}: path '{push.Path}' is not {{cpo country}}/{{cpo party}}/{{location}}[/{{evse}}[/{{connector}}]]");
            return problems;
        }

        if (push.Method == "GET")
        {
            if (push.Body.Length > 0)
            {
                problems.Add($"{label}: a GET with a body");
            }

            return problems;
        }

        JsonElement body;
        try
        {
            body = JsonDocument.Parse(push.Body).RootElement.Clone();
        }
        catch (JsonException ex)
        {
            problems.Add($"{label}: body is not JSON: {ex.Message}");
            return problems;
        }

        if (push.Method == "PATCH")
        {
            if (!body.TryGetProperty("last_updated", out var lastUpdated) || !OcpiDateTime.TryParse(lastUpdated.GetString(), out _))
            {
                problems.Add($"{label}: PATCH without a valid last_updated: {push.Body}");
            }
        }
        else if (push.Method == "PUT" && segments.Length == 3)
        {
            CheckLocationPut(body, segments, agreed, label, problems);
        }

        return problems;
    }

    private static void CheckHeaders(ReceivedPush push, Agreement agreed, string label, List<string> problems)
    {
        if (agreed.Version == "2.1.1")
        {
            return;
        }

        foreach (var id in new[] { "X-Request-ID", "X-Correlation-ID" })
        {
            if (!push.Headers.TryGetValue(id, out var value) || value.Length == 0)
            {
                problems.Add($"{label}: {id} missing");
            }
        }

        foreach (var (header, expected) in new[]
        {
            ("OCPI-from-country-code", agreed.CpoCountryCode), ("OCPI-from-party-id", agreed.CpoPartyId),
            ("OCPI-to-country-code", agreed.ToCountryCode), ("OCPI-to-party-id", agreed.ToPartyId),
        })
        {
            if (!push.Headers.TryGetValue(header, out var value) || !string.Equals(value, expected, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{label}: {header} is '{value}', expected '{expected}'");
            }
        }
    }

    private static void CheckLocationPut(JsonElement body, string[] segments, Agreement agreed, string label, List<string> problems)
    {
        if (!body.TryGetProperty("id", out var id) || !string.Equals(id.GetString(), Uri.UnescapeDataString(segments[2]), StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{label}: body id differs from the URL");
        }

        if (agreed.Version == "2.1.1")
        {
            problems.AddRange(PullChecks.V211Location(body).Select(p => $"{label}: {p}"));
            return;
        }

        if (!string.Equals(body.GetProperty("country_code").GetString(), segments[0], StringComparison.OrdinalIgnoreCase)
            || !string.Equals(body.GetProperty("party_id").GetString(), segments[1], StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{label}: country_code/party_id of the body differ from the URL");
        }

        // The OCPI parser checks every type, length and enum, and that no parent is older than its children.
        var parsed = OcpiParser.ParseLocation(Encoding.UTF8.GetBytes(body.GetRawText()), agreed.Version == "2.3.0" ? OcpiVersion.V230 : OcpiVersion.V221);
        problems.AddRange(parsed.Errors.Select(e => $"{label}: {e}"));
    }
}
