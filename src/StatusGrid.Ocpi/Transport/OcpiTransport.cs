using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace StatusGrid.Ocpi.Transport;

/// <summary>
/// The one way StatusGrid calls a partner: builds the OCPI headers for the version, sends, reads at most
/// <c>maxResponseBytes</c> of the answer, reads the envelope and classifies the outcome. Never throws for anything
/// the partner or the network does; only cancellation by the caller propagates.
/// </summary>
public static class OcpiTransport
{
    /// <summary>Default bound on a partner's answer: versions, details, credentials and push answers are small.</summary>
    public const int DefaultMaxResponseBytes = 1024 * 1024;

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public static async Task<OcpiExchange> SendAsync(
        HttpClient client, OcpiOutboundRequest request, CancellationToken cancellationToken, int maxResponseBytes = DefaultMaxResponseBytes)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Url.IsAbsoluteUri || (request.Url.Scheme != Uri.UriSchemeHttp && request.Url.Scheme != Uri.UriSchemeHttps)
            || !OcpiToken.IsValidToken(request.Token))
        {
            return OcpiExchange.Failed(OcpiOutcome.InvalidRequest);
        }

        using var message = BuildRequest(request);
        // The client's timeout bounds the whole exchange: with ResponseHeadersRead it stops applying once the headers
        // are in, and a partner that then stops sending its body would hold this push (and its lane) for ever.
        using var bound = client.Timeout == Timeout.InfiniteTimeSpan ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound?.CancelAfter(client.Timeout);
        var token = bound?.Token ?? cancellationToken;
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            return await ReadAsync(response, maxResponseBytes, request.RequireEnvelope, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return OcpiExchange.Failed(OcpiOutcome.Timeout);
        }
        catch (HttpRequestException ex) when (Find<PartnerAddressNotAllowedException>(ex) is not null)
        {
            return OcpiExchange.Failed(OcpiOutcome.AddressNotAllowed);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException)
        {
            return OcpiExchange.Failed(OcpiOutcome.Connection);
        }
    }

    /// <summary>
    /// For a handshake, where the encoding the partner wants is not known yet: many partners want the raw token where
    /// 2.2+ says Base64 (and the reverse), so on HTTP 401 the request is sent once more with the other encoding, as the
    /// spec suggests. Never on 2.1.1, whose token is always raw. <c>RawToken</c> says which encoding the answer came to.
    /// </summary>
    public static async Task<(OcpiExchange Exchange, bool RawToken)> SendTryingBothTokenEncodingsAsync(
        HttpClient client, OcpiOutboundRequest request, CancellationToken cancellationToken, int maxResponseBytes = DefaultMaxResponseBytes)
    {
        ArgumentNullException.ThrowIfNull(request);
        var raw = IsRaw(request);
        var exchange = await SendAsync(client, request, cancellationToken, maxResponseBytes).ConfigureAwait(false);
        if (exchange.Outcome != OcpiOutcome.Unauthorized || request.Version == OcpiVersion.V211)
        {
            return (exchange, raw);
        }

        var other = await SendAsync(client, request with { RawToken = !raw }, cancellationToken, maxResponseBytes).ConfigureAwait(false);
        return other.Outcome == OcpiOutcome.Unauthorized ? (exchange, raw) : (other, !raw);
    }

    /// <summary>
    /// The request with its OCPI headers: <c>Authorization: Token</c> (raw for 2.1.1 or when asked, Base64 from 2.2),
    /// a fresh <c>X-Request-ID</c> and <c>X-Correlation-ID</c> on every request (2.2+ requires them; 2.1.1
    /// partners ignore unknown headers), and the OCPI-from/to routing headers on 2.2+ when the parties are known (not
    /// before a version is agreed: the configuration modules take none).
    /// </summary>
    public static HttpRequestMessage BuildRequest(OcpiOutboundRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = new HttpRequestMessage(request.Method, request.Url);
        message.Headers.TryAddWithoutValidation(OcpiHeaders.Authorization, IsRaw(request)
            ? $"{OcpiToken.Scheme} {request.Token}"
            // No version agreed yet (a handshake's versions request): the encoding every version from 2.2 on wants.
            : OcpiToken.EncodeHeader(request.Token, request.Version ?? OcpiVersion.V221));
        message.Headers.TryAddWithoutValidation(OcpiHeaders.RequestId, OcpiMessageId.New());
        message.Headers.TryAddWithoutValidation(OcpiHeaders.CorrelationId, OcpiMessageId.New());
        if (request.Version is not (null or OcpiVersion.V211))
        {
            if (request.From is { } from)
            {
                message.Headers.TryAddWithoutValidation(OcpiHeaders.FromCountryCode, from.CountryCode);
                message.Headers.TryAddWithoutValidation(OcpiHeaders.FromPartyId, from.PartyId);
            }

            if (request.To is { } to)
            {
                message.Headers.TryAddWithoutValidation(OcpiHeaders.ToCountryCode, to.CountryCode);
                message.Headers.TryAddWithoutValidation(OcpiHeaders.ToPartyId, to.PartyId);
            }
        }

        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = Json;
        }

        return message;
    }

    private static bool IsRaw(OcpiOutboundRequest request) => request.RawToken || request.Version == OcpiVersion.V211;

    private static async Task<OcpiExchange> ReadAsync(HttpResponseMessage response, int maxResponseBytes, bool requireEnvelope, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var retryAfter = RetryAfter(response);
        if (response.Content.Headers.ContentLength > maxResponseBytes)
        {
            return OcpiExchange.Failed(OcpiOutcome.TooLarge, status, retryAfter);
        }

        var body = await ReadBoundedAsync(response.Content, maxResponseBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return OcpiExchange.Failed(OcpiOutcome.TooLarge, status, retryAfter);
        }

        if (status is >= 300 and < 400)
        {
            return OcpiExchange.Failed(OcpiOutcome.Redirect, status, retryAfter);
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return OcpiExchange.Failed(OcpiOutcome.Unauthorized, status, retryAfter);
        }

        var (code, statusMessage, data) = ReadEnvelope(body);
        if (status is < 200 or > 299)
        {
            return new OcpiExchange(OcpiOutcome.HttpError, status, code, statusMessage, default, body, retryAfter);
        }

        var outcome = code is null || OcpiStatusCode.IsSuccess(code.Value) ? OcpiOutcome.Success : OcpiOutcome.OcpiError;
        if (outcome == OcpiOutcome.Success && requireEnvelope && !OcpiParser.ParseResponse(body).IsValid)
        {
            outcome = OcpiOutcome.InvalidEnvelope;
        }

        return new OcpiExchange(outcome, status, code, statusMessage, data, body, retryAfter);
    }

    /// <summary>The body, or null when it holds more than <paramref name="max"/> bytes (reading stops there).</summary>
    /// <remarks>
    /// Every push answer passes through here (thousands a second per partner), so it allocates only the body: an
    /// array of the announced length when there is a Content-Length, else a pooled chunk copied out at the end.
    /// </remarks>
    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, int max, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (content.Headers.ContentLength is { } length and <= int.MaxValue)
        {
            // HttpClient ends the stream at Content-Length (and fails a shorter body), so this is the whole body.
            var body = new byte[length];
            var got = await stream.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            return got == body.Length ? body : body[..got];
        }

        var chunk = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            using var buffer = new MemoryStream();
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > max)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>
    /// Lenient envelope reading (status_code, status_message, data); anything unreadable yields nulls. Strict
    /// validation is the caller's choice (<see cref="OcpiParser.ParseResponse"/>). The status message is cut to
    /// 200 characters and kept out of <see cref="OcpiExchange.Describe"/>; callers decide who may see it.
    /// </summary>
    private static (int? Code, string? Message, JsonElement Data) ReadEnvelope(byte[] body)
    {
        if (body.Length == 0)
        {
            return (null, null, default);
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, default);
            }

            int? code = root.TryGetProperty("status_code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var v) ? v : null;
            var message = root.TryGetProperty("status_message", out var m) && m.ValueKind == JsonValueKind.String ? Printable(m.GetString()!) : null;
            var data = root.TryGetProperty("data", out var d) ? d.Clone() : default;
            return (code, message, data);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            return (null, null, default);
        }
    }

    private static string Printable(string text)
    {
        var cut = text.Length > 200 ? text[..200] : text;
        return string.Concat(cut.Select(ch => char.IsControl(ch) ? ' ' : ch));
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }

        return null;
    }
}
