using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace StatusGrid.LoadDriver.Api;

/// <summary>
/// The HTTP calls the driver makes to a target (StatusGrid or the baseline): import, partners, snapshot, ingest.
/// One connection pool for all; ingest requests go round-robin over the target's front doors (silos).
/// </summary>
internal sealed class StatusGridClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _baseUrls;
    private readonly ApiKeys _keys;
    private int _next;

    public StatusGridClient(IReadOnlyList<Uri> baseUrls, ApiKeys keys, int maxConnections = 256)
    {
        _baseUrls = baseUrls;
        _keys = keys;
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            Timeout = TimeSpan.FromMinutes(5),
        };
    }

    public Uri Primary => _baseUrls[0];

    public HttpClient Http => _http;

    public async Task ImportAsync(byte[] locationsJsonArray, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, Primary, "/api/admin/locations/import", _keys.Admin, locationsJsonArray);
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, "location import");
    }

    public async Task PutLocationAsync(string locationId, byte[] locationJson, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Put, Primary, "/api/admin/locations/" + Uri.EscapeDataString(locationId), _keys.Admin, locationJson);
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, $"location {locationId} put");
    }

    public async Task RegisterPartnerAsync(PartnerRegistration partner, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, Primary, "/api/admin/partners", _keys.Admin, JsonSerializer.SerializeToUtf8Bytes(partner));
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, $"partner {partner.Id} registration");
    }

    /// <summary>
    /// The partners the admin listing could read (up to its largest page; a run registers a handful). A partner whose
    /// grain did not answer is left out, so a wait for it simply polls again.
    /// </summary>
    public async Task<IReadOnlyList<PartnerHealthView>> GetPartnersAsync(CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, Primary, "/api/admin/partners?limit=1000", _keys.Admin, null);
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, "partner list");
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
        return [.. document.RootElement.GetProperty("items").EnumerateArray().Select(PartnerHealthParser.Parse)];
    }

    /// <summary>The zoom of the map's detail tiles (what a city viewport's clients are sent is per tile of that zoom).</summary>
    public async Task<int> GetDetailTileZoomAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(Primary, "/api/dashboard/config"), cancellationToken);
        await EnsureSuccessAsync(response, "dashboard config");
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
        return document.RootElement.GetProperty("detail_tile_zoom").GetInt32();
    }

    /// <summary>One page of the dashboard snapshot (current status of every EVSE); null when the target has none (baseline).</summary>
    public async Task<JsonDocument?> GetSnapshotPageAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(Primary, $"/api/dashboard/locations?offset={offset}&limit={limit}"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, "dashboard snapshot");
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
    }

    public async Task<IngestResult> IngestAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var baseUrl = _baseUrls[(int)((uint)Interlocked.Increment(ref _next) % (uint)_baseUrls.Count)];
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "/api/status")) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = JsonType;
        request.Headers.Add("X-Api-Key", _keys.Ingest);
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, "ingest");
        return await response.Content.ReadFromJsonAsync<IngestResult>(IngestJson.Options, cancellationToken);
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri baseUrl, string path, string apiKey, byte[]? body)
    {
        var request = new HttpRequestMessage(method, new Uri(baseUrl, path));
        request.Headers.Add("X-Api-Key", apiKey);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = JsonType;
        }

        return request;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync();
            throw new HttpRequestException($"{what} failed: HTTP {(int)response.StatusCode}: {(text.Length > 500 ? text[..500] : text)}", null, response.StatusCode);
        }
    }

    public void Dispose() => _http.Dispose();
}
