using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Credentials;

namespace StatusGrid.TestSupport.Emsp;

/// <summary>The mock's own versions, version details and credentials endpoints (a CPO registering with it).</summary>
public sealed partial class MockEmsp
{
    private async Task<IResult> ServeVersionsAsync(HttpContext context)
    {
        _configRequests.Enqueue(await RecordAsync(context, "versions"));
        if (!Authorized(context, version: null))
        {
            return Unauthorized();
        }

        if (VersionsFailure is { } status)
        {
            return Results.StatusCode(status);
        }

        return RawBodies.TryGetValue(context.Request.Path, out var raw)
            ? Results.Text(raw, "application/json")
            : Envelope(Versions.Select(v => new { version = v, url = $"{BaseUrl}/ocpi/emsp/{v}" }).ToArray());
    }

    private async Task<IResult> ServeDetailsAsync(HttpContext context, string version)
    {
        _configRequests.Enqueue(await RecordAsync(context, version));
        if (!Authorized(context, version))
        {
            return Unauthorized();
        }

        if (RawBodies.TryGetValue(context.Request.Path, out var raw))
        {
            return Results.Text(raw, "application/json");
        }

        if (!Versions.Contains(version))
        {
            return Results.Json(new { status_code = 3002, status_message = "unsupported version", timestamp = Now() }, statusCode: 404);
        }

        var endpoints = new List<Dictionary<string, string>>();
        void Add(string identifier, string role, string url)
        {
            var endpoint = new Dictionary<string, string> { ["identifier"] = identifier, ["url"] = url };
            if (version != "2.1.1")
            {
                endpoint["role"] = role;
            }

            endpoints.Add(endpoint);
        }

        if (ExposeCredentials)
        {
            Add("credentials", "SENDER", $"{BaseUrl}/ocpi/emsp/{version}/credentials");
        }

        if (ExposeLocationsReceiver)
        {
            Add("locations", "RECEIVER", LocationsUrl(version));
        }

        Add("tokens", "SENDER", $"{BaseUrl}/ocpi/emsp/{version}/tokens");
        return Envelope(new { version, endpoints });
    }

    private async Task<IResult> ServeCredentialsAsync(HttpContext context, string version)
    {
        var request = await RecordAsync(context, "credentials");
        _configRequests.Enqueue(request);
        if (!Authorized(context, version))
        {
            return Unauthorized();
        }

        switch (context.Request.Method)
        {
            case "GET":
                return Envelope(MockCredentials(TokenItIssued!, version));
            case "DELETE":
                if (!Registered)
                {
                    return Results.Json(new { status_code = 2000, status_message = "not registered", timestamp = Now() }, statusCode: 405);
                }

                Version = null;
                TokenToCpo = null;
                TokenItIssued = null;
                return Envelope<object?>(null);
            case "POST" when Registered:
            case "PUT" when !Registered:
                return Results.Json(new { status_code = 2000, status_message = "405 rules", timestamp = Now() }, statusCode: 405);
        }

        // POST (register) or PUT (update): read the CPO's credentials, call it back with its token, answer with ours.
        using var document = JsonDocument.Parse(request.Body);
        var (token, url, party, errors) = ReadCredentials(document.RootElement, version);
        if (errors.Count > 0)
        {
            return Results.Json(new { status_code = 2001, status_message = string.Join("; ", errors), timestamp = Now() });
        }

        var previous = (TokenToCpo, CpoVersionsUrl, CpoCredentialsUrl, CpoLocationsUrl);
        TokenToCpo = token;
        try
        {
            await DiscoverCpoAsync(url!, version);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or JsonException or TaskCanceledException)
        {
            (TokenToCpo, CpoVersionsUrl, CpoCredentialsUrl, CpoLocationsUrl) = previous;
            return Results.Json(new { status_code = 3001, status_message = "cannot use your API: " + ex.Message, timestamp = Now() });
        }

        CpoParty = party;
        Version = version;
        TokenItIssued = NewToken();
        return Envelope(MockCredentials(TokenItIssued, version));
    }

    private bool Authorized(HttpContext context, string? version)
    {
        var presented = context.Request.Headers.Authorization.ToString();
        return TokenItIssued is { } token && (version is null
            ? presented == Header(token, "2.1.1") || presented == Header(token, "2.2.1")
            : presented == Header(token, version));
    }

    private object MockCredentials(string token, string version)
    {
        var business = new { name = Hub ? "Mock Hub" : "Mock eMSP" };
        if (version == "2.1.1")
        {
            return new { token, url = VersionsUrl, business_details = business, party_id = PartyId, country_code = CountryCode };
        }

        if (Hub && version == "2.3.0")
        {
            // 2.3.0: a hub lists the parties reachable through it and names itself in hub_party_id.
            return new
            {
                token,
                url = VersionsUrl,
                roles = new[] { new { role = "EMSP", business_details = new { name = "eMSP behind the hub" }, party_id = "EMP", country_code = "FR" } },
                hub_party_id = CountryCode + PartyId,
            };
        }

        return new
        {
            token,
            url = VersionsUrl,
            roles = new[] { new { role = Hub ? "HUB" : "EMSP", business_details = business, party_id = PartyId, country_code = CountryCode } },
        };
    }

    /// <summary>The CPO's credentials checked by the OCPI parser: token, versions URL and its CPO party.</summary>
    private static (string? Token, string? Url, (string, string)? Party, List<string> Errors) ReadCredentials(JsonElement element, string version)
    {
        if (version == "2.1.1")
        {
            var flat = OcpiParser.ParseCredentialsV211(element);
            return flat.IsValid
                ? (flat.Value!.Token, flat.Value.Url, (flat.Value.CountryCode, flat.Value.PartyId), [])
                : (null, null, null, [.. flat.Errors.Select(e => e.ToString())]);
        }

        var parsed = OcpiParser.ParseCredentials(element, version == "2.3.0" ? OcpiVersion.V230 : OcpiVersion.V221);
        if (!parsed.IsValid)
        {
            return (null, null, null, [.. parsed.Errors.Select(e => e.ToString())]);
        }

        var cpo = parsed.Value!.Roles.FirstOrDefault(r => r.Role == Role.Cpo);
        return cpo is null
            ? (null, null, null, ["roles: the CPO registering has no CPO role"])
            : (parsed.Value.Token, parsed.Value.Url, (cpo.CountryCode, cpo.PartyId), []);
    }

    private static IResult Unauthorized() =>
        Results.Json(new { status_code = 2000, status_message = "unknown token", timestamp = Now() }, statusCode: 401);

    private static IResult Envelope<T>(T data) =>
        Results.Json(new { data, status_code = 1000, timestamp = Now() });

    private static string Now() => OcpiDateTime.Format(DateTimeOffset.UtcNow);
}
