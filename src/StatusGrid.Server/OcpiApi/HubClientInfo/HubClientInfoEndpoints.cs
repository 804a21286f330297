using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;
using StatusGrid.Contracts.Partners;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.HubClientInfo;
using StatusGrid.Ocpi.Transport;
using StatusGrid.Ocpi.Validation;
using StatusGrid.Server.Http;
using StatusGrid.Server.OcpiApi.Auth;

namespace StatusGrid.Server.OcpiApi.HubClientInfo;

/// <summary>
/// HubClientInfo, Receiver interface (2.2.1 and 2.3.0; configuration module, no routing headers): a roaming hub PUTs
/// what it knows about each party connected to it, and may GET our copy back. Only a registered hub may use it; what
/// it says is kept by the hub's partner grain and holds pushes addressed to a party that is not CONNECTED.
/// </summary>
public static class HubClientInfoEndpoints
{
    public static RouteGroupBuilder MapOcpiHubClientInfo(this RouteGroupBuilder ocpi)
    {
        var clients = ocpi.MapGroup("/{version}/hubclientinfo").RequireOcpiToken(OcpiModule.HubClientInfo);
        clients.MapGet("/{countryCode}/{partyId}", GetAsync);
        clients.MapPut("/{countryCode}/{partyId}", PutAsync);
        clients.MapOtherMethods("/{countryCode}/{partyId}", [HttpMethods.Get, HttpMethods.Put],
            "HubClientInfo receiver; a hub invalidates a party by PUTting SUSPENDED");
        return ocpi;
    }

    private static async Task<Results<OcpiOk<ClientInfo>, OcpiError>> GetAsync(
        [AsParameters] OcpiRoute route, IGrainFactory grains, ClusterReads reads, string countryCode, string partyId)
    {
        if (!TryVersion(route, out _, out var refused))
        {
            return refused;
        }

        var hub = grains.GetGrain<IPartnerGrain>(route.Caller.PartnerId);
        if (await reads.Read(hub.GetHubClient(countryCode, partyId), "The hub's partner grain") is not { } client)
        {
            return OcpiResults.Error(route.Context, OcpiStatusCode.ClientError, $"No ClientInfo for {countryCode}/{partyId} from you", StatusCodes.Status404NotFound);
        }

        return OcpiResults.Ok(route.Context, ToOcpi(client));
    }

    private static async Task<Results<OcpiOk<object>, OcpiError>> PutAsync(
        [AsParameters] OcpiRoute route, IGrainFactory grains, TimeProvider time, string countryCode, string partyId, CancellationToken cancellationToken)
    {
        if (!TryVersion(route, out var version, out var refused))
        {
            return refused;
        }

        var context = route.Context;

        var (document, invalid) = await OcpiRequestJson.ReadAsync(context, cancellationToken);
        if (document is null)
        {
            return invalid!;
        }

        ClientInfo info;
        using (document)
        {
            var parsed = OcpiParser.ParseClientInfo(document.RootElement, version);
            var errors = parsed.Errors.ToList();
            if (parsed.Value is { } value
                && (!string.Equals(value.CountryCode, countryCode, StringComparison.OrdinalIgnoreCase)
                    || !string.Equals(value.PartyId, partyId, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add(new OcpiValidationError("", $"the object describes {value.CountryCode}/{value.PartyId}, but the URL names {countryCode}/{partyId}"));
            }

            if (parsed.Value is null || errors.Count > 0)
            {
                return OcpiResults.Error(context, OcpiStatusCode.InvalidOrMissingParameters,
                    "Invalid ClientInfo: " + string.Join("; ", errors.Take(10).Select(e => e.ToString())));
            }

            info = parsed.Value;
        }

        var hub = grains.GetGrain<IPartnerGrain>(route.Caller.PartnerId);
        var outcome = await hub.PutHubClient(new HubClient(info.CountryCode, info.PartyId, info.Role, info.Status, info.LastUpdated, time.GetUtcNow()));
        return outcome switch
        {
            HubClientPutOutcome.NotAHub => OcpiResults.Error(context, OcpiStatusCode.ClientError,
                "Only a roaming hub may send ClientInfo: your registration names no hub (role HUB in 2.2.1, hub_party_id in 2.3.0)", StatusCodes.Status403Forbidden),
            HubClientPutOutcome.KeptNewer => OcpiResults.Ok(context, "Kept the copy we hold: its last_updated is newer"),
            HubClientPutOutcome.TooMany => OcpiResults.Error(context, OcpiStatusCode.ClientError,
                "Too many parties: we hold at most the configured number of ClientInfo objects per hub; known parties are still updated",
                StatusCodes.Status400BadRequest),
            _ => OcpiResults.Ok(context),
        };
    }

    private static bool TryVersion(OcpiRoute route, out OcpiVersion version, [NotNullWhen(false)] out OcpiError? refused)
    {
        if (!route.TryVersion(out version, out refused))
        {
            return false;
        }

        if (version == OcpiVersion.V211)
        {
            refused = OcpiResults.Error(route.Context, OcpiStatusCode.ClientError, "OCPI 2.1.1 has no HubClientInfo module", StatusCodes.Status404NotFound);
            return false;
        }

        return true;
    }

    private static ClientInfo ToOcpi(HubClient client) => new()
    {
        CountryCode = client.CountryCode,
        PartyId = client.PartyId,
        Role = client.Role,
        Status = client.Status,
        LastUpdated = client.LastUpdated,
    };
}
