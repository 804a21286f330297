using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace StatusGrid.MockEmsp;

/// <summary>
/// The OCPI credentials handshake, both directions, per partner (told apart by port):
/// a CPO registers with the mock (admin API <c>POST /api/admin/ocpi/registrations</c> with the mock's versions URL and
/// its token A): the mock serves versions, version details (credentials + Locations receiver) and credentials, calls
/// the CPO's versions back with the CPO's token and answers with a token of its own;
/// or the mock registers with a CPO (<c>POST /mock/register {"versions_url", "token"}</c> with the CPO's token A):
/// it reads the CPO's versions and details and POSTs its credentials. Every request it sends carries X-Request-ID and
/// X-Correlation-ID; the token is Base64 from 2.2 on and raw for 2.1.1.
/// </summary>
public sealed class Handshake(FleetOptions options)
{
    public static readonly string[] Versions = ["2.1.1", "2.2.1"];

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };

    private readonly ConcurrentDictionary<int, Registration> _registrations = new();

    // The token offered in a POST to a CPO: the CPO calls our versions back with it before it answers.
    private readonly ConcurrentDictionary<int, string> _offered = new();

    /// <summary>What a handshake agreed with a CPO (tokens are not shown).</summary>
    public sealed record Registration(string Direction, string Version, string CpoVersionsUrl, DateTimeOffset At)
    {
        internal string TokenItIssued { get; init; } = "";

        internal string TokenToCpo { get; init; } = "";
    }

    public Registration? For(int partner) => _registrations.GetValueOrDefault(partner);

    public void Map(IEndpointRouteBuilder app, Func<HttpContext, int> partnerOf)
    {
        app.MapGet("/ocpi/emsp/versions", (HttpContext context) => Authorized(context, partnerOf(context))
            ? Envelope(Versions.Select(v => new { version = v, url = $"{Root(context)}/{v}" }).ToArray())
            : Unauthorized());
        app.MapGet("/ocpi/emsp/{version}", (HttpContext context, string version) =>
            !Authorized(context, partnerOf(context)) ? Unauthorized()
            : !Versions.Contains(version) ? Results.Json(new { status_code = 3002, status_message = "unsupported version", timestamp = Now() }, statusCode: 404)
            : Envelope(new { version, endpoints = Endpoints(Root(context), version) }));
        app.MapMethods("/ocpi/emsp/{version}/credentials", [HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete],
            (HttpContext context, string version) => CredentialsAsync(context, partnerOf(context), version));
        app.MapPost("/mock/register", (HttpContext context, RegisterRequest request) => RegisterWithCpoAsync(context, partnerOf(context), request));
    }

    public sealed record RegisterRequest([property: System.Text.Json.Serialization.JsonPropertyName("versions_url")] string? VersionsUrl, string? Token);

    private async Task<IResult> CredentialsAsync(HttpContext context, int partner, string version)
    {
        if (!Authorized(context, partner))
        {
            return Unauthorized();
        }

        var current = For(partner);
        switch (context.Request.Method)
        {
            case "GET":
                return current is null ? Unauthorized() : Envelope(OwnCredentials(context, current.TokenItIssued, version));
            case "DELETE":
                _registrations.TryRemove(partner, out _);
                return Envelope<object?>(null);
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Results.Json(new { status_code = 2001, status_message = "credentials: " + ex.Message, timestamp = Now() }, statusCode: 400);
        }

        var token = body?["token"]?.GetValue<string>();
        var url = body?["url"]?.GetValue<string>();
        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(url))
        {
            return Results.Json(new { status_code = 2001, status_message = "credentials need token and url", timestamp = Now() }, statusCode: 400);
        }

        try
        {
            // Call the CPO back with the token it gave us, as a real partner does before it answers.
            await GetDataAsync(url, token, version, context.RequestAborted);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or JsonException or TaskCanceledException)
        {
            return Results.Json(new { status_code = 3001, status_message = "cannot use your versions URL: " + ex.Message, timestamp = Now() });
        }

        var issued = NewToken();
        _registrations[partner] = new Registration("cpo-registered-with-mock", version, url, DateTimeOffset.UtcNow) { TokenItIssued = issued, TokenToCpo = token };
        return Envelope(OwnCredentials(context, issued, version));
    }

    private async Task<IResult> RegisterWithCpoAsync(HttpContext context, int partner, RegisterRequest request)
    {
        if (string.IsNullOrEmpty(request.VersionsUrl) || string.IsNullOrEmpty(request.Token))
        {
            return Results.BadRequest(new { error = "versions_url and token (the CPO's token A) are required" });
        }

        try
        {
            var versions = (await GetDataAsync(request.VersionsUrl, request.Token, "2.2.1", context.RequestAborted)).AsArray();
            var chosen = Versions.Reverse().Select(v => (Version: v, Entry: versions.FirstOrDefault(e => e?["version"]?.GetValue<string>() == v)))
                .FirstOrDefault(v => v.Entry is not null);
            if (chosen.Entry is null)
            {
                return Results.Json(new { error = "the CPO offers none of " + string.Join(", ", Versions) }, statusCode: 502);
            }

            var details = await GetDataAsync(chosen.Entry["url"]!.GetValue<string>(), request.Token, chosen.Version, context.RequestAborted);
            var credentialsUrl = details["endpoints"]!.AsArray().FirstOrDefault(e => e?["identifier"]?.GetValue<string>() == "credentials")?["url"]?.GetValue<string>()
                ?? throw new InvalidOperationException("the CPO's version details list no credentials endpoint");
            var issued = NewToken();
            _offered[partner] = issued;
            using var post = Request(HttpMethod.Post, credentialsUrl, request.Token, chosen.Version);
            post.Content = JsonContent.Create(OwnCredentials(context, issued, chosen.Version));
            var answer = await SendAsync(post, context.RequestAborted);
            var tokenToCpo = answer["token"]?.GetValue<string>() ?? throw new InvalidOperationException("the CPO's credentials answer has no token");
            var registration = new Registration("mock-registered-with-cpo", chosen.Version, request.VersionsUrl, DateTimeOffset.UtcNow) { TokenItIssued = issued, TokenToCpo = tokenToCpo };
            _registrations[partner] = registration;
            return Results.Json(new { registered = true, registration.Version, cpo_versions_url = request.VersionsUrl });
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or JsonException or TaskCanceledException or NullReferenceException)
        {
            return Results.Json(new { registered = false, error = ex.Message }, statusCode: 502);
        }
        finally
        {
            _offered.TryRemove(partner, out _);
        }
    }

    private static async Task<JsonNode> GetDataAsync(string url, string token, string version, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, url, token, version);
        return await SendAsync(request, cancellationToken);
    }

    private static async Task<JsonNode> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await Http.SendAsync(request, cancellationToken);
        var envelope = await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken);
        var code = envelope?["status_code"]?.GetValue<int>();
        if (!response.IsSuccessStatusCode || code != 1000 || envelope?["data"] is not { } data)
        {
            throw new InvalidOperationException($"{request.Method} {request.RequestUri}: HTTP {(int)response.StatusCode}, OCPI {code?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        }

        return data;
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, string token, string version)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Authorization", "Token " + (version == "2.1.1" ? token : Convert.ToBase64String(Encoding.UTF8.GetBytes(token))));
        request.Headers.Add("X-Request-ID", Guid.NewGuid().ToString());
        request.Headers.Add("X-Correlation-ID", Guid.NewGuid().ToString());
        return request;
    }

    private bool Authorized(HttpContext context, int partner)
    {
        var presented = context.Request.Headers.Authorization.ToString();
        var accepted = new[] { options.TokenA, For(partner)?.TokenItIssued, _offered.GetValueOrDefault(partner) }.OfType<string>();
        return accepted.Any(t => presented == "Token " + t || presented == "Token " + Convert.ToBase64String(Encoding.UTF8.GetBytes(t)));
    }

    private static object OwnCredentials(HttpContext context, string token, string version)
    {
        var business = new { name = "StatusGrid mock eMSP" };
        var url = Root(context) + "/versions";
        return version == "2.1.1"
            ? new { token, url, business_details = business, party_id = "EMS", country_code = "DE" }
            : new { token, url, roles = new[] { new { role = "EMSP", business_details = business, party_id = "EMS", country_code = "DE" } } };
    }

    private static object[] Endpoints(string root, string version) => version == "2.1.1"
        ? [new { identifier = "credentials", url = $"{root}/{version}/credentials" }, new { identifier = "locations", url = $"{root}/{version}/locations" }]
        : [new { identifier = "credentials", role = "SENDER", url = $"{root}/{version}/credentials" }, new { identifier = "locations", role = "RECEIVER", url = $"{root}/{version}/locations" }];

    // The URLs a CPO is given are the ones it reached us on (the compose service name, or 127.0.0.1).
    private static string Root(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}/ocpi/emsp";

    private static string NewToken() => "mock-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static IResult Unauthorized() => Results.Json(new { status_code = 2000, status_message = "unknown token", timestamp = Now() }, statusCode: 401);

    private static IResult Envelope<T>(T data) => Results.Json(new { data, status_code = 1000, status_message = "Success", timestamp = Now() });

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
