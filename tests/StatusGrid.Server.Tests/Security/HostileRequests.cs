using System.Text;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace StatusGrid.Server.Tests.Security;

/// <summary>One generated request: a route of the host with hostile parameter values, query, headers and body.</summary>
public sealed record HostileRequest(string Method, string Path, string Query, string? Credential, string? ContentType, byte[]? Body, string Note)
{
    public override string ToString() =>
        $"{Method} {Shorten(Path)}{Shorten(Query)} credential={Credential ?? "none"} type={ContentType ?? "none"} body={Body?.Length ?? -1} bytes ({Note})";

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;
}

/// <summary>
/// Generators for <see cref="HostileRequest"/>: the routes come from the running host's EndpointDataSource, so routes
/// added later are fuzzed too without touching this file.
/// </summary>
public static class HostileRequests
{
    public static IReadOnlyList<(string Method, string Pattern)> Routes(EndpointDataSource endpoints) =>
        [.. endpoints.Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct()];

    /// <param name="credentials">Header lines ("X-Api-Key: ...", "Authorization: Token ...") a valid caller would send.</param>
    public static Gen<HostileRequest> For(IReadOnlyList<(string Method, string Pattern)> routes, IReadOnlyList<string> credentials) =>
        Gen.Select(
            Gen.Int[0, routes.Count - 1],
            Gen.Frequency((8, Gen.Const(true)), (1, Gen.Const(false))),
            Gen.OneOf(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]),
            Segment,
            Query,
            Credential(credentials),
            Gen.OneOf<string?>(["application/json", "application/json; charset=utf-16", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", null, "application/json; charset=nope"]),
            Body,
            (route, routeMethod, otherMethod, segment, query, credential, type, body) =>
            {
                var (method, pattern) = routes[route];
                return new HostileRequest(routeMethod ? method : otherMethod, Fill(pattern, segment), query, credential, type, body.Bytes, body.Note);
            });

    private static string Fill(string pattern, string value)
    {
        // {id}, {**rest}, {version:regex} ... each becomes the generated (escaped) segment.
        var builder = new StringBuilder();
        var depth = 0;
        foreach (var c in pattern)
        {
            if (c == '{')
            {
                if (depth++ == 0)
                {
                    builder.Append(value);
                }
            }
            else if (c == '}')
            {
                depth--;
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static readonly Gen<string> Segment = Gen.Frequency(
        (6, Gen.OneOf(["2.2.1", "2.1.1", "2.3.0", "SG-0001", "NL*SGR*E1", "x", "%00", "%2e%2e", "..", "%C3%28", "%FF%FE", "%E2%80%AE", "a%2Fb", "-1", "0", "99999999999999999999"])),
        (3, Gen.String[0, 40].Select(Uri.EscapeDataString)),
        (1, Gen.Int[1, 20_000].Select(n => new string('Z', n))),
        (2, Gen.Char['\u0080', '\uffff'].Array[1, 30].Select(cs => Uri.EscapeDataString(new string(cs.Where(ch => !char.IsSurrogate(ch)).ToArray())))));

    private static readonly Gen<string> Query = Gen.OneOf(
        Gen.Const(""),
        Gen.OneOf(["?offset=&limit=", "?offset=abc", "?offset=-1&limit=0", "?limit=99999999999999999999", "?date_from=yesterday", "?date_to=2026-13-45T99:99:99Z",
            "?offset=1&offset=2", "?%FF=%FE", "?q=%00", "?page=1e309", "?date_from=2026-01-01T00:00:00Z&limit=1"]),
        Gen.Select(Gen.OneOf(["offset", "limit", "date_from", "date_to", "q", "country", "status", "page"]), Gen.String[0, 30],
            (name, value) => $"?{name}={Uri.EscapeDataString(value)}"));

    private static Gen<string?> Credential(IReadOnlyList<string> valid) => Gen.Frequency(
        (4, Gen.OneOf([.. valid.Select(v => (string?)v)])),
        (1, Gen.OneOf<string?>([null, "Authorization: Token", "Authorization: Token ", "Authorization: Bearer", "Authorization: Basic Og==",
            "X-Api-Key: change-me-admin", "Authorization: Token ZXhhbXBsZS10b2tlbgo=", "Authorization: Token " + new string('A', 8000)])),
        (1, Gen.String[0, 60].Select(s => (string?)("Authorization: Token " + new string(s.Where(c => c is > ' ' and < '\u007f').ToArray())))));

    private static readonly Gen<(byte[]? Bytes, string Note)> Body = Gen.OneOf(
        Gen.Const<(byte[]?, string)>((null, "no body")),
        Gen.Byte.Array[0, 300].Select(b => ((byte[]?)b, "random bytes")),
        Gen.Int[1, 3000].Select(n => ((byte[]?)Encoding.ASCII.GetBytes(new string('[', n) + new string(']', n)), "deep array")),
        Gen.Int[1, 3000].Select(n => ((byte[]?)Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", n)) + "1" + new string('}', n)), "deep object")),
        Gen.OneOf(["{}", "[]", "null", "\"x\"", "1e309", "{\"changes\":{}}", "{\"changes\":[1,2,3]}", "[{\"location_id\":null}]",
            "{\"id\":\"" + new string('Z', 100_000) + "\"}", "{\"token\":\"t\",\"url\":\"http://169.254.169.254/latest\",\"roles\":[]}",
            "{\"partner_id\":\"P\",\"versions_url\":\"http://127.0.0.1:1/\",\"token\":\"t\"}", "{\"id\":1,\"ocpi_version\":\"9.9.9\"}",
            "[{\"evse_id\":\"" + new string('E', 60_000) + "\",\"status\":\"AVAILABLE\",\"observed_at\":\"2026-01-01T00:00:00Z\"}]"])
            .Select(s => ((byte[]?)Encoding.UTF8.GetBytes(s), "json")),
        Gen.Byte.Array[1, 64].Select(b => ((byte[]?)[.. "{\"id\":\""u8.ToArray(), .. b, .. "\"}"u8.ToArray()], "invalid utf-8 in a string")),
        Gen.Int[1, 6].Select(mb => ((byte[]?)new byte[mb * 1024 * 1024], "zeros, MiB")));
}
