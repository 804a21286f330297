using System.Net;
using System.Text.Json;
using StatusGrid.Ocpi.Transport;

namespace StatusGrid.TestSupport.Emsp;

/// <summary>One page of a pull: where it came from and its pagination headers.</summary>
public sealed record PulledPage(string Url, HttpStatusCode Status, int? TotalCount, int? Limit, string? Next, int Items, IReadOnlyDictionary<string, string> Headers)
{
    public static PulledPage From(string url, HttpResponseMessage response, JsonElement envelope)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        int? Number(string name) => headers.TryGetValue(name, out var v) && int.TryParse(v, out var n) ? n : null;
        var next = headers.TryGetValue("Link", out var link) && OcpiLinkHeader.TryParseNext(link, out var uri) ? uri!.AbsoluteUri : null;
        var items = envelope.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array ? data.GetArrayLength() : 0;
        return new PulledPage(url, response.StatusCode, Number("X-Total-Count"), Number("X-Limit"), next, items, headers);
    }
}
