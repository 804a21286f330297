using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Transport;
using StatusGrid.Ocpi.Validation;
using StatusGrid.Ocpi.Versions;

namespace StatusGrid.Server.OcpiApi.Credentials;

/// <summary>
/// The calls we make to a partner during a credentials handshake: its versions, its version details, and its
/// credentials endpoint, all through <see cref="OcpiTransport"/>. Every failure (address, transport, HTTP, OCPI
/// status, invalid payload) comes back as a <see cref="HandshakeFailure"/> naming which call failed and how; nothing
/// throws for a partner's mistake, and no failure carries the partner's body or an exception's text, because the
/// caller may be the partner itself pointing us at a URL of its choice.
/// </summary>
public sealed class PartnerApiClient(IHttpClientFactory httpClientFactory, ILogger<PartnerApiClient> logger)
{
    public const string HttpClientName = "ocpi-handshake";

    /// <param name="chosen">The version already agreed (2.1.1 means the raw token and nothing else), or null before that.</param>
    /// <param name="rawFirst">Send the token raw first; on 401 the other encoding is tried once (unless 2.1.1 is chosen).</param>
    public async Task<PartnerReply<IReadOnlyList<VersionInfo>>> GetVersionsAsync(
        string url, string token, OcpiVersion? chosen, bool rawFirst, CancellationToken cancellationToken)
    {
        var (exchange, failure, raw) = await SendAsync("versions URL", HttpMethod.Get, url, token, chosen, rawFirst, null, cancellationToken);
        if (failure is not null)
        {
            return new PartnerReply<IReadOnlyList<VersionInfo>>(null, failure, raw);
        }

        // 2.3.0 rules: VersionNumber is an open enum there, so a list that also names versions we do not know still reads.
        var parsed = OcpiParser.ParseVersionInfos(exchange!.Data, OcpiVersion.V230);
        return parsed.IsValid
            ? new(parsed.Value, null, raw)
            : new PartnerReply<IReadOnlyList<VersionInfo>>(null, Invalid("versions URL", parsed.Errors), raw);
    }

    public async Task<PartnerReply<VersionDetails>> GetVersionDetailsAsync(
        string url, string token, OcpiVersion version, bool rawFirst, CancellationToken cancellationToken)
    {
        var (exchange, failure, raw) = await SendAsync("version details URL", HttpMethod.Get, url, token, version, rawFirst, null, cancellationToken);
        if (failure is not null)
        {
            return new PartnerReply<VersionDetails>(null, failure, raw);
        }

        var parsed = OcpiParser.ParseVersionDetails(exchange!.Data, version);
        return parsed.IsValid
            ? new(parsed.Value, null, raw)
            : new PartnerReply<VersionDetails>(null, Invalid("version details URL", parsed.Errors), raw);
    }

    /// <summary>POST, PUT or DELETE on the partner's credentials endpoint; the value is the answer's data (may be absent).</summary>
    public async Task<PartnerReply<JsonElementBox>> SendCredentialsAsync(
        HttpMethod method, string url, string token, OcpiVersion version, bool rawFirst, byte[]? body, CancellationToken cancellationToken)
    {
        var (exchange, failure, raw) = await SendAsync("credentials URL", method, url, token, version, rawFirst, body, cancellationToken);
        return failure is null ? new(new JsonElementBox(exchange!.Data), null, raw) : new PartnerReply<JsonElementBox>(null, failure, raw);
    }

    private async Task<(OcpiExchange? Exchange, HandshakeFailure? Failure, bool Raw)> SendAsync(
        string what, HttpMethod method, string url, string token, OcpiVersion? chosen, bool rawFirst, byte[]? body, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return (null, HandshakeFailure.Unreachable($"The {what} is not an absolute http(s) URL"), rawFirst);
        }

        if (!OcpiToken.IsValidToken(token))
        {
            return (null, HandshakeFailure.Unreachable("The partner's token is not 1 to 64 printable ASCII characters"), rawFirst);
        }

        // Once 2.1.1 is agreed every request carries the raw token; until then the transport learns the encoding the
        // partner accepts, and we remember what worked.
        var (exchange, raw) = await OcpiTransport.SendTryingBothTokenEncodingsAsync(
            httpClientFactory.CreateClient(HttpClientName),
            new OcpiOutboundRequest(method, uri, token, chosen, rawFirst, body, RequireEnvelope: true),
            cancellationToken);
        if (exchange.IsSuccess)
        {
            return (exchange, null, raw);
        }

        logger.LogWarning("OCPI handshake {Method} {Url} failed: {Outcome} (HTTP {HttpStatus}, OCPI {OcpiStatus})",
            method, uri.GetLeftPart(UriPartial.Path), exchange.Outcome, exchange.HttpStatus, exchange.OcpiStatus);
        return (null, HandshakeFailure.Unreachable($"The {what} {exchange.Describe()}"), raw);
    }

    /// <summary>Names the fields that failed, never their values: those are the partner's (or whatever a URL returned).</summary>
    private static HandshakeFailure Invalid(string what, IReadOnlyList<OcpiValidationError> errors) =>
        HandshakeFailure.Unreachable($"The {what} answered data that is not valid OCPI (at {string.Join(", ", errors.Take(5).Select(e => e.Path.Length == 0 ? "the root" : Shorten(e.Path)))})");

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
