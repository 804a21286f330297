using Microsoft.Extensions.Options;
using StatusGrid.Contracts.Partners;
using StatusGrid.Contracts.Registrations;
using StatusGrid.Ocpi;
using StatusGrid.Server.OcpiApi.Auth;

namespace StatusGrid.Server.OcpiApi.Credentials;

/// <summary>
/// Handshakes we start: registering with a partner (its versions URL and token A), re-registering (PUT, rotating
/// tokens both ways) and unregistering (DELETE). The token we hand out is granted before we send it, because the
/// partner calls our versions with it while our request is still open.
/// </summary>
public sealed class OutboundRegistration(
    IGrainFactory grains,
    PartnerDiscovery discovery,
    PartnerApiClient client,
    OcpiUrls urls,
    IOptions<OcpiOptions> options,
    ILogger<OutboundRegistration> logger)
{
    public async Task<(OcpiRegistration? Registration, HandshakeFailure? Failure)> RegisterAsync(
        HttpContext context, string partnerId, string? name, string versionsUrl, string tokenA, PartnerFilter filter, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IOcpiRegistrationGrain>(partnerId);
        var current = await grain.Get();
        if (current is { Status: OcpiRegistrationStatus.Registered })
        {
            return (null, HandshakeFailure.Conflict($"Partner '{partnerId}' is already registered; DELETE it first or refresh it"));
        }

        // Spec: if the endpoints we need are missing, do not POST at all (discovery fails with 3003 first).
        var (profile, failure) = await discovery.HighestCommonAsync(versionsUrl, tokenA, cancellationToken);
        if (failure is not null)
        {
            return (null, failure);
        }

        var tokenB = OcpiTokenGenerator.New();
        var pending = await grain.Commit(current?.Generation, new OcpiRegistration
        {
            PartnerId = partnerId,
            Status = OcpiRegistrationStatus.Pending,
            Direction = OcpiRegistrationDirection.WeRegister,
            Name = name,
            Filter = filter,
            TokenHashes = [OcpiTokenHash.Of(tokenB)],
            Version = profile!.Version,
            VersionsUrl = versionsUrl,
        });
        if (pending is null)
        {
            return (null, HandshakeFailure.Conflict($"The registration of '{partnerId}' changed meanwhile; try again"));
        }

        var (credentials, sendFailure) = await SendOursAsync(context, HttpMethod.Post, profile, tokenA, tokenB, cancellationToken);
        if (credentials is null)
        {
            await grain.Remove();
            return (null, sendFailure);
        }

        var registered = await grain.Commit(pending.Generation, Registrations.Registered(pending, profile, credentials, OcpiTokenHash.Of(tokenB)));
        return registered is null
            ? (null, HandshakeFailure.Conflict($"The registration of '{partnerId}' changed meanwhile; try again"))
            : (registered, null);
    }

    /// <summary>PUT our credentials again: re-reads the partner's endpoints, gives it a new token and stores the one it returns.</summary>
    public async Task<(OcpiRegistration? Registration, HandshakeFailure? Failure)> RefreshAsync(
        HttpContext context, OcpiRegistration current, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IOcpiRegistrationGrain>(current.PartnerId);
        var (profile, failure) = await discovery.HighestCommonAsync(current.VersionsUrl!, current.TheirToken!, cancellationToken,
            current.Version, current.RawTokenHeader);
        if (failure is not null)
        {
            return (null, failure);
        }

        // Old and new token both work until the partner has answered: it may call us back with the new one.
        var newToken = OcpiTokenGenerator.New();
        var both = await grain.Commit(current.Generation, current with { TokenHashes = [.. current.TokenHashes, OcpiTokenHash.Of(newToken)] });
        if (both is null)
        {
            return (null, HandshakeFailure.Conflict("The registration changed meanwhile; try again"));
        }

        var (credentials, sendFailure) = await SendOursAsync(context, HttpMethod.Put, profile!, current.TheirToken!, newToken, cancellationToken);
        if (credentials is null)
        {
            await grain.Commit(both.Generation, both with { TokenHashes = current.TokenHashes });
            return (null, sendFailure);
        }

        var refreshed = await grain.Commit(both.Generation, Registrations.Registered(both, profile!, credentials, OcpiTokenHash.Of(newToken)));
        return refreshed is null ? (null, HandshakeFailure.Conflict("The registration changed meanwhile; try again")) : (refreshed, null);
    }

    /// <summary>DELETE on the partner's credentials endpoint (best effort: we stop either way), then forget it.</summary>
    public async Task<bool> UnregisterAsync(OcpiRegistration current, CancellationToken cancellationToken)
    {
        var told = false;
        if (current is { Status: OcpiRegistrationStatus.Registered, CredentialsUrl: { } url, TheirToken: { } token, Version: { } version })
        {
            var reply = await client.SendCredentialsAsync(HttpMethod.Delete, url, token, version, RawFirst(version, current.RawTokenHeader), null, cancellationToken);
            told = reply.Failure is null;
            if (reply.Failure is { } failure)
            {
                logger.LogWarning("OCPI partner {PartnerId}: DELETE of our credentials failed ({Message}); unregistering locally anyway", current.PartnerId, failure.Message);
            }
        }

        await grains.GetGrain<IOcpiRegistrationGrain>(current.PartnerId).Remove();
        return told;
    }

    private async Task<(PartnerCredentials? Credentials, HandshakeFailure? Failure)> SendOursAsync(
        HttpContext context, HttpMethod method, PartnerProfile profile, string theirToken, string ourToken, CancellationToken cancellationToken)
    {
        var ours = CredentialsCodec.Serialize(CredentialsCodec.Ours(ourToken, urls.Versions(context), options.Value, profile.Version));
        var reply = await client.SendCredentialsAsync(method, profile.CredentialsUrl, theirToken, profile.Version, RawFirst(profile.Version, profile.RawTokenHeader), ours, cancellationToken);
        if (reply.Failure is { } failure)
        {
            return (null, failure);
        }

        var (credentials, errors) = CredentialsCodec.Read(reply.Value!.Value, profile.Version);
        return credentials is null
            ? (null, HandshakeFailure.Unreachable($"The credentials URL answered credentials that are not valid OCPI (at {string.Join(", ", errors.Take(5).Select(e => e.Path.Length == 0 ? "the root" : e.Path))})"))
            : (credentials, null);
    }

    private static bool RawFirst(OcpiVersion version, bool rawTokenHeader) => version == OcpiVersion.V211 || rawTokenHeader;

}
