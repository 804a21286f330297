using System.Net;
using System.Text;
using System.Text.Json;

namespace StatusGrid.TestSupport.Emsp;

/// <summary>The mock as a client of a CPO: the credentials handshake it starts, and pulls.</summary>
public sealed partial class MockEmsp
{
    /// <summary>Registers with a CPO (token A → POST credentials); throws when the CPO refuses.</summary>
    public async Task<JsonElement> RegisterWithAsync(string cpoVersionsUrl, string tokenA, string? version = null)
    {
        var (status, envelope) = await TryRegisterWithAsync(cpoVersionsUrl, tokenA, version);
        if (status != HttpStatusCode.OK || envelope.GetProperty("status_code").GetInt32() != 1000)
        {
            throw new InvalidOperationException($"The CPO refused the registration: HTTP {(int)status} {envelope}");
        }

        return envelope;
    }

    /// <summary>
    /// The handshake of a party that received token A: GET the CPO's versions and version details (highest common
    /// version unless <paramref name="version"/> is given), POST our credentials with a new token, keep the CPO's.
    /// </summary>
    public async Task<(HttpStatusCode Status, JsonElement Envelope)> TryRegisterWithAsync(string cpoVersionsUrl, string tokenA, string? version = null)
    {
        TokenToCpo = tokenA;
        CpoVersionsUrl = cpoVersionsUrl;
        var highest = Versions.OrderBy(Rank).Last();
        var versions = await GetDataAsync(cpoVersionsUrl, highest);
        var offered = versions.EnumerateArray().ToDictionary(v => v.GetProperty("version").GetString()!, v => v.GetProperty("url").GetString()!);
        version ??= Versions.Where(offered.ContainsKey).OrderBy(Rank).LastOrDefault()
            ?? throw new InvalidOperationException("no version in common with the CPO: " + string.Join(", ", offered.Keys));
        await DiscoverDetailsAsync(offered[version], version);
        return await SendOursAsync(HttpMethod.Post, version);
    }

    /// <summary>PUT our credentials again (a new token for the CPO); the CPO must answer with a new token for us.</summary>
    public Task<(HttpStatusCode Status, JsonElement Envelope)> UpdateCredentialsAsync() => SendOursAsync(HttpMethod.Put, Version!);

    /// <summary>
    /// Moves the registration to another version the way the spec does it: read the CPO's details for that version
    /// and PUT our credentials on that version's credentials endpoint.
    /// </summary>
    public async Task<(HttpStatusCode Status, JsonElement Envelope)> SwitchVersionAsync(string version)
    {
        var versions = await GetDataAsync(CpoVersionsUrl!, Version!);
        var entry = versions.EnumerateArray().First(v => v.GetProperty("version").GetString() == version);
        await DiscoverDetailsAsync(entry.GetProperty("url").GetString()!, version);
        return await SendOursAsync(HttpMethod.Put, version);
    }

    /// <summary>A request to the CPO with the mock's current token (or <paramref name="token"/>), encoded for the agreed version.</summary>
    public async Task<HttpResponseMessage> SendToCpoAsync(HttpMethod method, string url, string? body = null, string? token = null, string? version = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Authorization", Header(token ?? TokenToCpo!, version ?? Version));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await _http.SendAsync(request);
    }

    /// <summary>GETs the CPO's Locations following Link until there is no next page; checks every page and Location.</summary>
    public async Task<PulledLocations> PullAllLocationsAsync(string? query = null, int maxPages = 1000)
    {
        var pages = new List<PulledPage>();
        var locations = new List<JsonElement>();
        var problems = new List<string>();
        string? url = CpoLocationsUrl + (query is null ? "" : "?" + query);
        while (url is not null && pages.Count < maxPages)
        {
            using var response = await SendToCpoAsync(HttpMethod.Get, url);
            var text = await response.Content.ReadAsStringAsync();
            var envelope = JsonDocument.Parse(text).RootElement.Clone();
            var page = PulledPage.From(url, response, envelope);
            pages.Add(page);
            problems.AddRange(PullChecks.Page(page, envelope, Version!, CpoParty, (CountryCode, PartyId)));
            if (response.StatusCode != HttpStatusCode.OK || envelope.GetProperty("status_code").GetInt32() != 1000)
            {
                break;
            }

            foreach (var location in envelope.GetProperty("data").EnumerateArray())
            {
                locations.Add(location);
                problems.AddRange(PullChecks.Location(location, Version!));
            }

            url = page.Next;
        }

        return new PulledLocations(pages, locations, problems);
    }

    private async Task<(HttpStatusCode Status, JsonElement Envelope)> SendOursAsync(HttpMethod method, string version)
    {
        // The CPO calls our versions with the new token before it answers, so it must work already.
        var previous = TokenItIssued;
        TokenItIssued = NewToken();
        using var response = await SendToCpoAsync(method, CpoCredentialsUrl!, JsonSerializer.Serialize(MockCredentials(TokenItIssued, version)), version: version);
        var envelope = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        if (response.StatusCode != HttpStatusCode.OK || envelope.GetProperty("status_code").GetInt32() != 1000)
        {
            TokenItIssued = previous;
            return (response.StatusCode, envelope);
        }

        var (token, _, party, errors) = ReadCredentials(envelope.GetProperty("data"), version);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The CPO answered with invalid credentials: " + string.Join("; ", errors));
        }

        TokenToCpo = token;
        CpoParty = party;
        Version = version;
        return (response.StatusCode, envelope);
    }

    /// <summary>GET the CPO's versions, then the details of <paramref name="version"/>, with <see cref="TokenToCpo"/>.</summary>
    private async Task DiscoverCpoAsync(string versionsUrl, string version)
    {
        var versions = await GetDataAsync(versionsUrl, version);
        var entry = versions.EnumerateArray().FirstOrDefault(v => v.GetProperty("version").GetString() == version);
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"the CPO does not list {version}");
        }

        CpoVersionsUrl = versionsUrl;
        await DiscoverDetailsAsync(entry.GetProperty("url").GetString()!, version);
    }

    private async Task DiscoverDetailsAsync(string detailsUrl, string version)
    {
        var details = await GetDataAsync(detailsUrl, version);
        foreach (var endpoint in details.GetProperty("endpoints").EnumerateArray())
        {
            var identifier = endpoint.GetProperty("identifier").GetString();
            var role = endpoint.TryGetProperty("role", out var r) ? r.GetString() : null;
            var url = endpoint.GetProperty("url").GetString();
            if (identifier == "credentials")
            {
                CpoCredentialsUrl = url;
            }
            else if (identifier == "hubclientinfo" && role == "RECEIVER")
            {
                CpoHubClientInfoUrl = url;
            }
            else if (identifier == "locations" && (role is null or "SENDER"))
            {
                CpoLocationsUrl = url;
            }
        }
    }

    private async Task<JsonElement> GetDataAsync(string url, string version)
    {
        using var response = await SendToCpoAsync(HttpMethod.Get, url, version: version);
        var text = await response.Content.ReadAsStringAsync();
        var envelope = JsonDocument.Parse(text).RootElement;
        if (response.StatusCode != HttpStatusCode.OK || envelope.GetProperty("status_code").GetInt32() != 1000)
        {
            throw new InvalidOperationException($"GET {url}: HTTP {(int)response.StatusCode} {text}");
        }

        return envelope.GetProperty("data").Clone();
    }
}
