using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Locations;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Ocpi.Transport;
using Microsoft.AspNetCore.Http.HttpResults;
using StatusGrid.Server.Http;
using StatusGrid.Server.OcpiApi.Auth;
using StatusGrid.Storage;

namespace StatusGrid.Server.OcpiApi.Locations;

/// <summary>
/// The CPO Locations sender (pull interface). Lists come from the queryable location table, one indexed page at a
/// time in the immutable insertion order (seq), so paging while statuses change neither skips nor repeats; live EVSE
/// statuses are merged in for the page's locations only, and each Location is shaped for the caller's version.
/// The caller's filter (publish flag, countries, id list) restricts the page and X-Total-Count alike.
/// </summary>
public sealed class LocationsSender(
    IGrainFactory grains,
    ClusterReads reads,
    LiveLocations live,
    OcpiUrls urls,
    IOptions<OcpiOptions> options)
{
    public async Task<Results<OcpiOk<JsonArray>, OcpiError>> ListAsync(OcpiRoute route, PageQuery query, CancellationToken cancellationToken)
    {
        var (version, partner, refused) = await ResolveAsync(route);
        if (refused is not null)
        {
            return refused;
        }

        var context = route.Context;
        var max = Math.Max(1, options.Value.MaxPageSize);
        if (!PageRequest.TryRead(query, max, out var page, out var error))
        {
            return OcpiResults.Error(context, OcpiStatusCode.InvalidOrMissingParameters, error!);
        }

        var filter = partner!.Filter;
        var (items, total) = await live.QueryAsync(new LocationQuery(page.Offset, page.Limit, page.DateFrom, page.DateTo)
        {
            PublishedOnly = filter.PublishedOnly || !IsPublishVisible(version),
            Countries = filter.CountriesAlpha3(),
            LocationIds = filter.LocationIds,
        }, cancellationToken);

        var data = new JsonArray();
        foreach (var snapshot in items)
        {
            data.Add(LocationShapes.ToJson(snapshot.Location, version));
        }

        var headers = context.Response.Headers;
        headers[OcpiHeaders.TotalCount] = total.ToString(CultureInfo.InvariantCulture);
        headers[OcpiHeaders.Limit] = max.ToString(CultureInfo.InvariantCulture);
        // In long: offset and limit are each any int, and their sum wrapped below the total (a Link to a negative offset).
        if (page.Limit > 0 && (long)page.Offset + page.Limit < total)
        {
            headers[OcpiHeaders.Link] = OcpiLinkHeader.Next(NextPage(context, version, page));
        }

        return OcpiResults.Ok(context, data);
    }

    /// <summary>GET of one Location, or of one of its EVSEs (<paramref name="evseUid"/>), or of one of that EVSE's connectors.</summary>
    public async Task<Results<OcpiOk<JsonNode>, OcpiError>> GetAsync(OcpiRoute route, string locationId, string? evseUid = null, string? connectorId = null)
    {
        var (version, partner, refused) = await ResolveAsync(route);
        if (refused is not null)
        {
            return refused;
        }

        var context = route.Context;

        // An object the caller may not see is answered exactly like one that does not exist.
        var snapshot = await reads.Read(grains.GetGrain<ILocationGrain>(EvseKey.Location(locationId)).Get(), $"Location '{locationId}'");
        if (snapshot?.Location is not { } location
            || !partner!.Filter.Allows(location.Id, location.Country, location.Publish) || (!IsPublishVisible(version) && !location.Publish))
        {
            return OcpiResults.NotFound(context, $"Unknown location '{locationId}'");
        }

        if (evseUid is null)
        {
            return OcpiResults.Ok(context, LocationShapes.ToJson(location, version));
        }

        var evse = location.Evses?.FirstOrDefault(e => string.Equals(e.Uid, evseUid, StringComparison.OrdinalIgnoreCase));
        if (evse is null || !LocationShapes.CanRepresent(evse, version))
        {
            return OcpiResults.NotFound(context, $"Unknown EVSE '{evseUid}' at location '{location.Id}'");
        }

        if (connectorId is null)
        {
            return OcpiResults.Ok(context, LocationShapes.ToJson(evse, version));
        }

        var connector = evse.Connectors.FirstOrDefault(c => string.Equals(c.Id, connectorId, StringComparison.OrdinalIgnoreCase));
        if (connector is null || !LocationShapes.CanRepresent(connector, version))
        {
            return OcpiResults.NotFound(context, $"Unknown connector '{connectorId}' of EVSE '{evse.Uid}' at location '{location.Id}'");
        }

        return OcpiResults.Ok(context, LocationShapes.ToJson(connector, version));
    }

    /// <summary>2.1.1 has no publish flag: a hidden Location would be public there, so 2.1.1 callers never see one.</summary>
    private static bool IsPublishVisible(OcpiVersion version) => version != OcpiVersion.V211;

    private async Task<(OcpiVersion Version, PartnerConfig? Partner, OcpiError? Refused)> ResolveAsync(OcpiRoute route)
    {
        var context = route.Context;
        if (!route.TryVersion(out var version, out var notServed))
        {
            return (version, null, notServed);
        }

        if (await RoutingHeadersAsync(context, version) is not { } partner)
        {
            return (version, null, OcpiResults.Unauthorized(context, "The partner of this token is not registered"));
        }

        return (version, partner, null);
    }

    /// <summary>
    /// Functional module: every answer to a registered partner carries the routing headers (2.2+), a refusal such as a
    /// 405 included. The response comes from us and goes to the caller (its hub, if any). Returns the caller's
    /// configuration, or null (no headers) when its partner is not registered.
    /// </summary>
    public async Task<PartnerConfig?> RoutingHeadersAsync(HttpContext context, OcpiVersion version)
    {
        if (await reads.Read(grains.GetGrain<IPartnerGrain>(OcpiCaller.From(context).PartnerId).GetConfig(), "The partner grain") is not { } partner)
        {
            return null;
        }

        if (version != OcpiVersion.V211)
        {
            var headers = context.Response.Headers;
            headers[OcpiHeaders.FromCountryCode] = options.Value.CountryCode;
            headers[OcpiHeaders.FromPartyId] = options.Value.PartyId;
            var (toCountry, toParty) = RequestingParty(context.Request, partner);
            headers[OcpiHeaders.ToCountryCode] = toCountry;
            headers[OcpiHeaders.ToPartyId] = toParty;
        }

        return partner;
    }

    /// <summary>
    /// Who the answer goes to: the caller, or, through a hub, the party the hub forwards for (the request's
    /// OCPI-from-*, when it names a party): "via Hub, addressed … responses: TO = requesting party". A direct partner's
    /// answer goes to its own party, whatever its headers say.
    /// </summary>
    private static (string CountryCode, string PartyId) RequestingParty(HttpRequest request, PartnerConfig partner) =>
        partner.ViaHub
            && request.Headers[OcpiHeaders.FromCountryCode].ToString() is { Length: 2 } country && country.All(char.IsAsciiLetter)
            && request.Headers[OcpiHeaders.FromPartyId].ToString() is { Length: 3 } party && party.All(char.IsAsciiLetterOrDigit)
            ? (country, party)
            : (partner.CountryCode, partner.PartyId);

    /// <summary>The next page repeats the caller's date filters (the spec's rule) with the effective limit.</summary>
    private Uri NextPage(HttpContext context, OcpiVersion version, PageRequest page)
    {
        var query = new List<string>
        {
            "offset=" + ((long)page.Offset + page.Limit).ToString(CultureInfo.InvariantCulture),
            "limit=" + page.Limit.ToString(CultureInfo.InvariantCulture),
        };
        if (page.DateFrom is { } from)
        {
            query.Add("date_from=" + Uri.EscapeDataString(OcpiDateTime.Format(from)));
        }

        if (page.DateTo is { } to)
        {
            query.Add("date_to=" + Uri.EscapeDataString(OcpiDateTime.Format(to)));
        }

        return new Uri(urls.Locations(context, version) + "?" + string.Join('&', query));
    }
}
