using Microsoft.Extensions.Logging;
using StatusGrid.Contracts.Registrations;
using StatusGrid.Contracts.Partners;
using StatusGrid.Ocpi;
using StatusGrid.Grains.Hosting;

namespace StatusGrid.Grains.Registrations;

/// <summary>
/// Stores one partner's credentials relationship and keeps the token grants and the push pipeline in line with it.
/// Not reentrant: commits for one partner are applied one at a time, each against the generation its caller read.
/// </summary>
public sealed class OcpiRegistrationGrain(
    [PersistentState("ocpiregistration", StorageNames.Grains)] IPersistentState<OcpiRegistrationState> state,
    TimeProvider time,
    ILogger<OcpiRegistrationGrain> logger) : Grain, IOcpiRegistrationGrain
{
    private string PartnerId => this.GetPrimaryKeyString();

    public Task<OcpiRegistration?> Get() => Task.FromResult(state.State.Registration);

    public async Task<OcpiRegistration?> Commit(long? expectedGeneration, OcpiRegistration next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var previous = state.State.Registration;
        if (expectedGeneration is { } expected ? state.State.Generation != expected : previous is not null)
        {
            return null;
        }

        var stored = next with { PartnerId = PartnerId, Generation = state.State.Generation + 1, UpdatedAt = time.GetUtcNow() };
        var kind = stored.Status == OcpiRegistrationStatus.Registered ? OcpiTokenKind.Access : OcpiTokenKind.Registration;

        // Grants first: a token must work before anybody learns it (a partner calls us back with token B while our
        // POST to it is still open).
        await Task.WhenAll(stored.TokenHashes.Select(hash => Token(hash).Grant(new OcpiTokenGrant(PartnerId, kind))));
        state.State.Registration = stored;
        state.State.Generation = stored.Generation;
        await state.WriteOrDeactivateAsync(this);
        await GrainFactory.GetGrain<IOcpiRegistrationDirectoryGrain>(0).Add(PartnerId);

        var revoked = previous is null ? [] : previous.TokenHashes.Except(stored.TokenHashes, StringComparer.Ordinal).ToList();
        await Task.WhenAll(revoked.Select(hash => Token(hash).Revoke(PartnerId)));

        if (stored.Status == OcpiRegistrationStatus.Registered)
        {
            var partner = GrainFactory.GetGrain<IPartnerGrain>(PartnerId);
            await partner.Configure(RegistrationPartnerConfig.From(stored, await partner.GetConfig()));
        }

        logger.LogInformation("OCPI partner {PartnerId}: {Status} ({Direction}), version {Version}, receiver {LocationsUrl}, {Revoked} token(s) revoked",
            PartnerId, stored.Status, stored.Direction, stored.Version?.ToVersionString(), stored.LocationsUrl, revoked.Count);
        return stored;
    }

    public async Task<OcpiRegistration?> Remove()
    {
        if (state.State.Registration is not { } current)
        {
            return null;
        }

        state.State.Registration = null;
        state.State.Generation++;
        await state.WriteOrDeactivateAsync(this);
        await GrainFactory.GetGrain<IOcpiRegistrationDirectoryGrain>(0).Remove(PartnerId);
        await Task.WhenAll(current.TokenHashes.Select(hash => Token(hash).Revoke(PartnerId)));
        var partner = GrainFactory.GetGrain<IPartnerGrain>(PartnerId);
        if (await partner.GetConfig() is not null)
        {
            await partner.Remove();
        }

        logger.LogInformation("OCPI partner {PartnerId} unregistered; {Count} token(s) revoked", PartnerId, current.TokenHashes.Length);
        return current;
    }

    private IOcpiTokenGrain Token(string hash) => GrainFactory.GetGrain<IOcpiTokenGrain>(OcpiTokenKey.For(hash));
}
