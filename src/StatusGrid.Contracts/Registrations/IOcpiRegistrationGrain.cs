namespace StatusGrid.Contracts.Registrations;

/// <summary>
/// The credentials relationship with one partner, keyed by partner id. The HTTP side of a handshake runs outside
/// the grain (it calls the partner, which may call us back); the grain stores the outcome atomically.
/// </summary>
public interface IOcpiRegistrationGrain : IGrainWithStringKey
{
    Task<OcpiRegistration?> Get();

    /// <summary>
    /// Stores <paramref name="next"/> if the stored generation is still <paramref name="expectedGeneration"/>, or, when
    /// it is null, if there is no registration now. Grants every hash in <see cref="OcpiRegistration.TokenHashes"/> (registration-only while
    /// pending, full access once registered), revokes the hashes no longer listed, and once registered configures
    /// the partner's push pipeline. Returns what was stored, or null when a concurrent change came first.
    /// </summary>
    Task<OcpiRegistration?> Commit(long? expectedGeneration, OcpiRegistration next);

    /// <summary>Unregisters: revokes every token and removes the partner. Returns what was removed, or null.</summary>
    Task<OcpiRegistration?> Remove();
}
