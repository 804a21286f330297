using System.Diagnostics;
using System.Text.Json;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Fanout;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Ocpi.Transport;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// Sends OCPI Locations pushes through <see cref="OcpiTransport"/> and maps its outcome to what the partner grain
/// needs. No retries here: the partner grain owns retry, backoff and ordering, because it knows whether a newer state
/// has superseded the one that failed.
/// </summary>
public sealed class OcpiPushClient(IHttpClientFactory httpClientFactory)
{
    public const string HttpClientName = "ocpi-push";

    /// <summary>A push answer is an envelope without data; anything bigger than this is not one.</summary>
    private const int MaxResponseBytes = 64 * 1024;

    private static readonly PushResult Held = new(PushOutcome.Success, "already_held");
    private static readonly PushResult NotHeld = new(PushOutcome.UnknownObject, "not_held");

    public Task<PushResult> PatchEvseStatusAsync(PartnerConfig partner, EvseStatusChange change, CancellationToken cancellationToken)
    {
        var url = ReceiverUrl(partner, change.CountryCode, change.PartyId, change.LocationId, change.EvseUid);
        var body = LocationShapes.EvseStatusPatch(change.Status, change.LastUpdated);
        return change.TraceParent is { } traceParent && ActivityContext.TryParse(traceParent, null, out var cause)
            ? TracedAsync(cause, () => SendAsync(HttpMethod.Patch, url, body, partner, change.CountryCode, change.PartyId, cancellationToken))
            : SendAsync(HttpMethod.Patch, url, body, partner, change.CountryCode, change.PartyId, cancellationToken);
    }

    // The push continues the trace of the report that caused it; its HTTP request then carries that trace's
    // traceparent to the partner.
    private static async Task<PushResult> TracedAsync(ActivityContext cause, Func<Task<PushResult>> send)
    {
        using var activity = StatusGridTracing.Source.StartActivity(ActivityKind.Internal, cause, name: "push PATCH");
        return await send();
    }

    public Task<PushResult> PutLocationAsync(PartnerConfig partner, Location location, CancellationToken cancellationToken)
    {
        location = AsSentTo(partner, location);
        var url = ReceiverUrl(partner, location.CountryCode, location.PartyId, location.Id);
        var body = JsonSerializer.SerializeToUtf8Bytes(LocationShapes.ToJson(location, partner.OcpiVersion), OcpiJson.Options);
        return SendAsync(HttpMethod.Put, url, body, partner, location.CountryCode, location.PartyId, cancellationToken);
    }

    /// <summary>
    /// The Location as this partner gets it: as it is when its filter allows it, else its withdrawal
    /// (<see cref="LocationShapes.AsWithdrawal"/>). A PUT of a Location the partner may not see is only ever offered
    /// to withdraw it (an unpublish, a narrowed filter, a move out of its countries: LocationPutRequest.Reaches and
    /// reconcile's documents), and deciding here, from the configuration the request goes with, keeps a PUT queued
    /// before the filter changed from showing the Location again, and one queued before it widened from hiding it.
    /// </summary>
    internal static Location AsSentTo(PartnerConfig partner, Location location) =>
        partner.Filter.Allows(location.Id, location.Country, location.Publish)
            ? LocationShapes.AsPushed(location, partner.OcpiVersion)
            : LocationShapes.AsWithdrawal(location, partner.OcpiVersion);

    /// <summary>Whether the Location goes to this partner with every EVSE <c>REMOVED</c>: a 2.1.1 withdrawal.</summary>
    internal static bool RetiresEvses(PartnerConfig partner, Location location) =>
        partner.OcpiVersion == OcpiVersion.V211 && !AsSentTo(partner, location).Publish;

    /// <summary>
    /// Reads the partner's copy of the EVSE (GET on its Locations receiver, which OCPI offers the CPO for exactly
    /// this) to learn whether a PATCH whose answer was lost arrived: <see cref="PushOutcome.Success"/> when the copy is
    /// exactly this state, <see cref="PushOutcome.Retryable"/> when no answer came (ask again later), anything else
    /// when it is not, or the partner cannot say (no GET, unknown object, a hub, which takes broadcast pushes and is
    /// never asked by GET): then the PATCH goes again.
    /// </summary>
    public Task<PushResult> CheckEvseStatusAsync(PartnerConfig partner, EvseStatusChange change, CancellationToken cancellationToken) =>
        CheckAsync(ReceiverUrl(partner, change.CountryCode, change.PartyId, change.LocationId, change.EvseUid), partner,
            change.CountryCode, change.PartyId, data => ReceiverCopy.HoldsEvse(data, change.Status, change.LastUpdated), cancellationToken);

    /// <summary>As <see cref="CheckEvseStatusAsync"/>, for a Location PUT: the copy must equal the document's stamps and statuses.</summary>
    public Task<PushResult> CheckLocationAsync(PartnerConfig partner, Location location, CancellationToken cancellationToken) =>
        CheckAsync(ReceiverUrl(partner, location.CountryCode, location.PartyId, location.Id), partner,
            location.CountryCode, location.PartyId, data => ReceiverCopy.HoldsLocation(data, AsSentTo(partner, location)),
            cancellationToken);

    private async Task<PushResult> CheckAsync(
        string? url, PartnerConfig partner, string fromCountry, string fromParty, Func<JsonElement, bool> holds, CancellationToken cancellationToken)
    {
        // A hub partner gets broadcast pushes (OCPI-to-* name the hub), and OCPI never combines a GET with a broadcast:
        // the hub keeps no copy to answer from. It cannot say, so the push goes again.
        if (partner.ViaHub || url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return NotHeld;
        }

        var request = new OcpiOutboundRequest(HttpMethod.Get, uri, partner.Token, partner.OcpiVersion, partner.RawTokenHeader, null,
            new OcpiParty(fromCountry, fromParty), new OcpiParty(partner.CountryCode, partner.PartyId));
        var exchange = await OcpiTransport.SendAsync(httpClientFactory.CreateClient(HttpClientName), request, cancellationToken);
        if (exchange.IsSuccess)
        {
            return holds(exchange.Data) ? Held : NotHeld;
        }

        var answered = Classify(HttpMethod.Get, uri, exchange);
        return answered.Outcome == PushOutcome.Retryable
            ? answered with { HttpStatus = exchange.HttpStatus == 0 ? null : exchange.HttpStatus, OcpiStatusCode = exchange.OcpiStatus }
            : NotHeld;
    }

    /// <summary>
    /// The object's URL on the partner's Locations receiver: <c>{base}/{country}/{party}/{location}[/{evse}]</c>, each
    /// id escaped as one path segment. Built once per push, so without an iterator or a joined sequence (they were
    /// 1.5 µs of each PATCH); <see cref="Uri.EscapeDataString(string)"/> and TrimEnd return their input when there is
    /// nothing to change.
    /// </summary>
    internal static string? ReceiverUrl(PartnerConfig partner, string countryCode, string partyId, string locationId, string? evseUid = null)
    {
        if (partner.LocationsUrl is not { Length: > 0 } baseUrl)
        {
            return null;
        }

        var root = baseUrl.TrimEnd('/');
        var country = Uri.EscapeDataString(countryCode);
        var party = Uri.EscapeDataString(partyId);
        var location = Uri.EscapeDataString(locationId);
        return evseUid is null
            ? string.Join('/', root, country, party, location)
            : string.Join('/', root, country, party, location, Uri.EscapeDataString(evseUid));
    }

    private async Task<PushResult> SendAsync(
        HttpMethod method, string? url, byte[] body, PartnerConfig partner, string fromCountry, string fromParty, CancellationToken cancellationToken)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return new PushResult(PushOutcome.Rejected, "invalid_request", "the partner's Locations URL is not an absolute http(s) URL");
        }

        var request = new OcpiOutboundRequest(method, uri, partner.Token, partner.OcpiVersion, partner.RawTokenHeader, body,
            new OcpiParty(fromCountry, fromParty), new OcpiParty(partner.CountryCode, partner.PartyId));
        var exchange = await OcpiTransport.SendAsync(httpClientFactory.CreateClient(HttpClientName), request, cancellationToken, MaxResponseBytes);
        // What the partner answered is kept with the result: a refused push is recorded with its codes (rejection log).
        return Classify(method, uri, exchange) with
        {
            HttpStatus = exchange.HttpStatus == 0 ? null : exchange.HttpStatus,
            OcpiStatusCode = exchange.OcpiStatus,
            OcpiMessage = exchange.OcpiStatusMessage,
        };
    }

    /// <summary>What the grain does next. Kinds come from <see cref="OcpiExchange.Kind"/>, a bounded set (metric labels).</summary>
    internal static PushResult Classify(HttpMethod method, Uri url, OcpiExchange exchange)
    {
        if (exchange.Outcome == OcpiOutcome.Success)
        {
            return PushResult.Ok;
        }

        // The partner's own status_message helps the operator who configured it; it is bounded and printable, and
        // only reaches the admin's partner health view, never another partner.
        var detail = $"{method} {url.GetLeftPart(UriPartial.Path)} {exchange.Describe()}"
            + (exchange.OcpiStatusMessage is { Length: > 0 } m ? $": {m}" : "");
        var code = exchange.OcpiStatus;
        return exchange.Outcome switch
        {
            OcpiOutcome.OcpiError when code == OcpiStatusCode.UnknownLocation => new PushResult(PushOutcome.UnknownObject, exchange.Kind, detail),
            OcpiOutcome.OcpiError when OcpiStatusCode.IsClientError(code!.Value)
                && exchange.OcpiStatusMessage?.Contains("unknown", StringComparison.OrdinalIgnoreCase) == true
                => new PushResult(PushOutcome.UnknownObject, exchange.Kind, detail),
            OcpiOutcome.OcpiError when OcpiStatusCode.IsClientError(code!.Value) => new PushResult(PushOutcome.Rejected, exchange.Kind, detail),
            OcpiOutcome.OcpiError => new PushResult(PushOutcome.Retryable, exchange.Kind, detail, exchange.RetryAfter),
            OcpiOutcome.HttpError when exchange.HttpStatus == 404 => new PushResult(PushOutcome.UnknownObject, exchange.Kind, detail),
            OcpiOutcome.HttpError when exchange.HttpStatus is 408 or 429 or >= 500
                => new PushResult(PushOutcome.Retryable, exchange.Kind, detail, exchange.RetryAfter),
            OcpiOutcome.Timeout or OcpiOutcome.Connection => new PushResult(PushOutcome.Retryable, exchange.Kind, detail),
            // A 2xx answer too big to be a push answer still means the partner took the push.
            OcpiOutcome.TooLarge when exchange.HttpStatus is >= 200 and < 300 => PushResult.Ok,
            OcpiOutcome.TooLarge when exchange.HttpStatus is 408 or 429 or >= 500 => new PushResult(PushOutcome.Retryable, exchange.Kind, detail, exchange.RetryAfter),
            _ => new PushResult(PushOutcome.Rejected, exchange.Kind, detail),
        };
    }
}
