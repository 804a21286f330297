using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Transport;
using StatusGrid.Ocpi.Validation;
using StatusGrid.Ocpi.Versions;

namespace StatusGrid.Server.Ocpi.Credentials;

/// <summary>
/// The calls we make to a partner during a credentials handshake: its versions, its version details, and its
/// credentials endpoint. Every failure (transport, HTTP, OCPI status, invalid payload) comes back as a
/// <see cref="HandshakeFailure"/> saying what went wrong where; nothing throws for a partner's mistake.
/// </summary>
public sealed class PartnerApiClient(IHttpClientFactory httpClientFactory, ILogger<PartnerApiClient> logger)
{
    public const string HttpClientName = "ocpi-handshake";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <param name="rawFirst">Send the token raw first (2.1.1); on 401 the other encoding is tried once.</param>
    public async Task<PartnerReply<IReadOnlyList<VersionInfo>>> GetVersionsAsync(string url, string token, bool rawFirst, CancellationToken cancellationToken)
    {
        var (data, failure, raw) = await SendAsync(HttpMethod.Get, url, token, rawFirst, null, cancellationToken);
        if (failure is not null)
        {
            return new PartnerReply<IReadOnlyList<VersionInfo>>(null, failure, raw);
        }

        // 2.3.0 rules: VersionNumber is an open enum there, so a list that also names versions we do not know still reads.
        var parsed = OcpiParser.ParseVersionInfos(data, OcpiVersion.V230);
        return parsed.IsValid
            ? new(parsed.Value, null, raw)
            : new PartnerReply<IReadOnlyList<VersionInfo>>(null, Invalid("versions", url, parsed.Errors), raw);
    }

    public async Task<PartnerReply<VersionDetails>> GetVersionDetailsAsync(string url, string token, OcpiVersion version, bool rawFirst, CancellationToken cancellationToken)
    {
        var (data, failure, raw) = await SendAsync(HttpMethod.Get, url, token, rawFirst, null, cancellationToken);
        if (failure is not null)
        {
            return new PartnerReply<VersionDetails>(null, failure, raw);
        }

        var parsed = OcpiParser.ParseVersionDetails(data, version);
        return parsed.IsValid
            ? new(parsed.Value, null, raw)
            : new PartnerReply<VersionDetails>(null, Invalid("version details", url, parsed.Errors), raw);
    }

    /// <summary>POST, PUT or DELETE on the partner's credentials endpoint; the value is the answer's data (may be absent).</summary>
    public async Task<PartnerReply<JsonElementBox>> SendCredentialsAsync(
        HttpMethod method, string url, string token, bool rawFirst, byte[]? body, CancellationToken cancellationToken)
    {
        var (data, failure, raw) = await SendAsync(method, url, token, rawFirst, body, cancellationToken);
        return failure is null ? new(new JsonElementBox(data), null, raw) : new PartnerReply<JsonElementBox>(null, failure, raw);
    }

    private async Task<(JsonElement Data, HandshakeFailure? Failure, bool Raw)> SendAsync(
        HttpMethod method, string url, string token, bool rawFirst, byte[]? body, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return (default, HandshakeFailure.Unreachable($"'{url}' is not an absolute http(s) URL"), rawFirst);
        }

        if (!OcpiToken.IsValidToken(token))
        {
            return (default, HandshakeFailure.Unreachable("the partner's token is not 1 to 64 printable ASCII characters"), rawFirst);
        }

        // Many partners still want the raw token where 2.2+ says Base64 (and the reverse): one retry with the other
        // encoding on 401, as the spec suggests, and we remember what worked.
        var raw = rawFirst;
        var result = await SendOnceAsync(method, uri, token, raw, body, cancellationToken);
        if (result.Unauthorized)
        {
            var other = await SendOnceAsync(method, uri, token, !raw, body, cancellationToken);
            if (!other.Unauthorized)
            {
                raw = !raw;
                result = other;
            }
        }

        return (result.Data, result.Failure, raw);
    }

    private async Task<(JsonElement Data, HandshakeFailure? Failure, bool Unauthorized)> SendOnceAsync(
        HttpMethod method, Uri url, string token, bool raw, byte[]? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation(OcpiHeaders.Authorization,
            "Token " + (raw ? token : Convert.ToBase64String(Encoding.UTF8.GetBytes(token))));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = Json;
        }

        string text;
        int status;
        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            text = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("OCPI handshake {Method} {Url} failed: {Error}", method, url, ex.Message);
            return (default, HandshakeFailure.Unreachable($"{method} {url} failed: {ex.Message}"), false);
        }

        if (status == StatusCodes.Status401Unauthorized)
        {
            return (default, HandshakeFailure.Unreachable($"{method} {url} answered HTTP 401: the partner did not accept the token"), true);
        }

        var envelope = OcpiParser.ParseResponse(Encoding.UTF8.GetBytes(text));
        if (status is < 200 or > 299 || !envelope.IsValid)
        {
            var detail = envelope.Value is { } e ? $"OCPI {e.StatusCode} {e.StatusMessage}" : Shorten(text);
            return (default, HandshakeFailure.Unreachable($"{method} {url} answered HTTP {status}: {detail}"), false);
        }

        if (!envelope.Value!.IsSuccess)
        {
            return (default, HandshakeFailure.Unreachable(
                $"{method} {url} answered OCPI {envelope.Value.StatusCode}: {envelope.Value.StatusMessage}"), false);
        }

        return (envelope.Value.Data, null, false);
    }

    private static HandshakeFailure Invalid(string what, string url, IReadOnlyList<StatusGrid.Ocpi.Validation.OcpiValidationError> errors) =>
        HandshakeFailure.Unreachable($"the {what} at {url} are not valid OCPI: {string.Join("; ", errors.Take(5))}");

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
