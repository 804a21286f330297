using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Ocpi.Transport;
using StatusGrid.Ocpi.Validation;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// Sends OCPI Locations pushes and classifies the answer. No retries here: the partner grain owns retry, backoff and
/// ordering, because it knows whether a newer state has superseded the one that failed.
/// </summary>
public sealed class OcpiPushClient(IHttpClientFactory httpClientFactory, ILogger<OcpiPushClient> logger)
{
    public const string HttpClientName = "ocpi-push";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public Task<PushResult> PatchEvseStatusAsync(PartnerConfig partner, EvseStatusChange change, CancellationToken cancellationToken)
    {
        var url = ReceiverUrl(partner, change.CountryCode, change.PartyId, change.LocationId, change.EvseUid);
        var body = LocationShapes.EvseStatusPatch(change.Status, change.LastUpdated);
        return change.TraceParent is { } traceParent && System.Diagnostics.ActivityContext.TryParse(traceParent, null, out var cause)
            ? TracedAsync(cause, () => SendAsync(HttpMethod.Patch, url, body, partner, change.CountryCode, change.PartyId, cancellationToken))
            : SendAsync(HttpMethod.Patch, url, body, partner, change.CountryCode, change.PartyId, cancellationToken);
    }

    // The push continues the trace of the report that caused it; its HTTP request then carries that trace's
    // traceparent to the partner.
    private static async Task<PushResult> TracedAsync(System.Diagnostics.ActivityContext cause, Func<Task<PushResult>> send)
    {
        using var activity = StatusGrid.Grains.Fanout.StatusGridTracing.Source.StartActivity(System.Diagnostics.ActivityKind.Internal, cause, name: "push PATCH");
        return await send();
    }

    public Task<PushResult> PutLocationAsync(PartnerConfig partner, Location location, CancellationToken cancellationToken)
    {
        var url = ReceiverUrl(partner, location.CountryCode, location.PartyId, location.Id);
        var body = JsonSerializer.SerializeToUtf8Bytes(LocationShapes.ToJson(location, ParseVersion(partner.OcpiVersion)), OcpiJson.Options);
        return SendAsync(HttpMethod.Put, url, body, partner, location.CountryCode, location.PartyId, cancellationToken);
    }

    public static OcpiVersion ParseVersion(string version) => version switch
    {
        "2.1.1" => OcpiVersion.V211,
        "2.3.0" => OcpiVersion.V230,
        _ => OcpiVersion.V221,
    };

    private static string ReceiverUrl(PartnerConfig partner, params string[] segments) =>
        partner.LocationsUrl!.TrimEnd('/') + "/" + string.Join('/', segments.Select(Uri.EscapeDataString));

    private async Task<PushResult> SendAsync(
        HttpMethod method, string url, byte[] body, PartnerConfig partner, string fromCountry, string fromParty, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = Json;
        var version = ParseVersion(partner.OcpiVersion);
        request.Headers.TryAddWithoutValidation("Authorization",
            partner.RawTokenHeader ? "Token " + partner.Token : OcpiToken.EncodeHeader(partner.Token, version));
        if (version != OcpiVersion.V211)
        {
            var requestId = Guid.NewGuid().ToString();
            request.Headers.TryAddWithoutValidation(OcpiHeaders.RequestId, requestId);
            request.Headers.TryAddWithoutValidation(OcpiHeaders.CorrelationId, requestId);
            request.Headers.TryAddWithoutValidation(OcpiHeaders.FromCountryCode, fromCountry);
            request.Headers.TryAddWithoutValidation(OcpiHeaders.FromPartyId, fromParty);
            request.Headers.TryAddWithoutValidation(OcpiHeaders.ToCountryCode, partner.CountryCode);
            request.Headers.TryAddWithoutValidation(OcpiHeaders.ToPartyId, partner.PartyId);
        }

        try
        {
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var (result, ocpiCode, ocpiMessage) = await ClassifyAsync(response, cancellationToken);
            return result with { HttpStatus = (int)response.StatusCode, OcpiStatusCode = ocpiCode, OcpiMessage = ocpiMessage };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new PushResult(PushOutcome.Retryable, "timeout", $"{method} {url} timed out");
        }
        catch (HttpRequestException ex)
        {
            return new PushResult(PushOutcome.Retryable, "connection", $"{method} {url}: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Push {Method} {Url} failed unexpectedly", method, url);
            return new PushResult(PushOutcome.Retryable, "error", ex.Message);
        }
    }

    private static async Task<(PushResult Result, int? OcpiCode, string? OcpiMessage)> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var (ocpiCode, ocpiMessage) = ReadEnvelope(text);
        var detail = $"HTTP {status}" + (ocpiCode is { } c ? $", OCPI {c}" : "") + (ocpiMessage is { Length: > 0 } m ? $": {m}" : "");

        return (Classify(response, status, ocpiCode, ocpiMessage, detail), ocpiCode, ocpiMessage);
    }

    private static PushResult Classify(HttpResponseMessage response, int status, int? ocpiCode, string? ocpiMessage, string detail)
    {
        if (response.IsSuccessStatusCode)
        {
            return ocpiCode switch
            {
                null or (>= 1000 and < 2000) => PushResult.Ok,
                OcpiStatusCode.UnknownLocation => new PushResult(PushOutcome.UnknownObject, $"ocpi_{ocpiCode}", detail),
                >= 2000 and < 3000 when ocpiMessage?.Contains("unknown", StringComparison.OrdinalIgnoreCase) == true
                    => new PushResult(PushOutcome.UnknownObject, $"ocpi_{ocpiCode}", detail),
                >= 2000 and < 3000 => new PushResult(PushOutcome.Rejected, $"ocpi_{ocpiCode}", detail),
                _ => new PushResult(PushOutcome.Retryable, $"ocpi_{ocpiCode}", detail, RetryAfter(response)),
            };
        }

        return response.StatusCode switch
        {
            HttpStatusCode.NotFound => new PushResult(PushOutcome.UnknownObject, "http_404", detail),
            HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => new PushResult(PushOutcome.Retryable, $"http_{status}", detail, RetryAfter(response)),
            _ when status >= 500 => new PushResult(PushOutcome.Retryable, $"http_{status}", detail, RetryAfter(response)),
            _ => new PushResult(PushOutcome.Rejected, $"http_{status}", detail),
        };
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

    private static (int? Code, string? Message) ReadEnvelope(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            int? code = doc.RootElement.TryGetProperty("status_code", out var c) && c.TryGetInt32(out var v) ? v : null;
            var message = doc.RootElement.TryGetProperty("status_message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return (code, message);
        }
        catch (JsonException)
        {
            return (null, text.Length > 200 ? text[..200] : text);
        }
    }
}
