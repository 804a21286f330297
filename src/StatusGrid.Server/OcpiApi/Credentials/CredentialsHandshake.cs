using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StatusGrid.Contracts.Registrations;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Transport;
using StatusGrid.Server.OcpiApi.Auth;

namespace StatusGrid.Server.OcpiApi.Credentials;

/// <summary>
/// Our side of a handshake a partner runs against our credentials endpoint (POST to register with token A, PUT to
/// re-register with its current token). Before answering we call the partner back with the token it gave us (its
/// versions, then its version details), store what we learnt, and answer with our credentials and a new token.
/// </summary>
public sealed class CredentialsHandshake(
    IGrainFactory grains,
    PartnerDiscovery discovery,
    OcpiUrls urls,
    IOptions<OcpiOptions> options,
    ILogger<CredentialsHandshake> logger)
{
    /// <summary>What the credentials endpoint accepts (the spec's 405 rules) once registered, and before.</summary>
    private const string Registered = "GET, PUT, DELETE";
    private const string Unregistered = "GET, POST";

    public async Task<Results<OcpiOk<object>, OcpiError>> RegisterAsync(OcpiRoute route, bool update, CancellationToken cancellationToken)
    {
        if (!route.TryVersion(out var version, out var notServed))
        {
            return notServed;
        }

        var (context, caller) = (route.Context, route.Caller);
        var grain = grains.GetGrain<IOcpiRegistrationGrain>(caller.PartnerId);
        if (await grain.Get() is not { } current)
        {
            return OcpiResults.Unauthorized(context, "Unknown or revoked credentials token");
        }

        // The spec's 405 rules: POST only when not registered, PUT only when registered.
        var registered = current.Status == OcpiRegistrationStatus.Registered;
        if (!update && registered)
        {
            return OcpiResults.MethodNotAllowed(context, "Already registered: PUT the credentials to update them, or DELETE to unregister", Registered);
        }

        if (update && !registered)
        {
            return OcpiResults.MethodNotAllowed(context, "Not registered: POST the credentials to register first", Unregistered);
        }

        if (!update && current.Direction == OcpiRegistrationDirection.WeRegister)
        {
            return OcpiResults.MethodNotAllowed(context, "We are registering with you right now (our POST to your credentials endpoint); answer it instead", "GET");
        }

        var (document, invalid) = await OcpiRequestJson.ReadAsync(context, cancellationToken);
        if (document is null)
        {
            return invalid!;
        }

        using (document)
        {
            var (credentials, errors) = CredentialsCodec.Read(document.RootElement, version);
            if (credentials is null)
            {
                return OcpiResults.Error(context, OcpiStatusCode.InvalidOrMissingParameters,
                    "Invalid credentials: " + string.Join("; ", errors.Take(10).Select(e => e.ToString())));
            }

            return await CompleteAsync(context, grain, current, credentials, version, cancellationToken);
        }
    }

    public Results<OcpiOk<object>, OcpiError> Get(OcpiRoute route)
    {
        if (!route.TryVersion(out var version, out var notServed))
        {
            return notServed;
        }

        // The spec wants the caller's token in the answer (#394); we keep only its hash, so we echo what was presented.
        return OcpiResults.Ok(route.Context, CredentialsCodec.Ours(route.Caller.Token, urls.Versions(route.Context), options.Value, version));
    }

    public async Task<Results<OcpiOk<object>, OcpiError>> DeleteAsync(OcpiRoute route)
    {
        if (!route.TryVersion(out _, out var notServed))
        {
            return notServed;
        }

        var (context, caller) = (route.Context, route.Caller);
        var grain = grains.GetGrain<IOcpiRegistrationGrain>(caller.PartnerId);
        if (await grain.Get() is not { Status: OcpiRegistrationStatus.Registered })
        {
            return OcpiResults.MethodNotAllowed(context, "Not registered: nothing to unregister", Unregistered);
        }

        await grain.Remove();
        logger.LogInformation("OCPI partner {PartnerId} unregistered itself", caller.PartnerId);
        return OcpiResults.Ok(context);
    }

    private async Task<Results<OcpiOk<object>, OcpiError>> CompleteAsync(
        HttpContext context, IOcpiRegistrationGrain grain, OcpiRegistration current, PartnerCredentials credentials, OcpiVersion version,
        CancellationToken cancellationToken)
    {
        var (profile, failure) = await discovery.ForVersionAsync(credentials.Url, credentials.Token, version, cancellationToken);
        if (failure is not null)
        {
            logger.LogWarning("OCPI partner {PartnerId}: handshake failed with {Status}: {Message}", current.PartnerId, failure.OcpiStatus, failure.Message);
            return OcpiResults.Error(context, failure.OcpiStatus, failure.Message);
        }

        var ourToken = OcpiTokenGenerator.New();
        var stored = await grain.Commit(current.Generation, Registrations.Registered(current, profile!, credentials, OcpiTokenHash.Of(ourToken)));
        if (stored is null)
        {
            return OcpiResults.MethodNotAllowed(context, "The registration changed while this request was handled; GET the credentials and try again", "GET");
        }

        return OcpiResults.Ok(context, CredentialsCodec.Ours(ourToken, urls.Versions(context), options.Value, version));
    }
}
