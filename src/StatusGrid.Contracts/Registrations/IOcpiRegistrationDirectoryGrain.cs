using System.Collections.Immutable;

namespace StatusGrid.Contracts.Registrations;

/// <summary>Singleton (key 0): the ids of every OCPI registration, pending or registered, for the admin listing.</summary>
public interface IOcpiRegistrationDirectoryGrain : IGrainWithIntegerKey
{
    Task Add(string partnerId);

    Task Remove(string partnerId);

    Task<ImmutableArray<string>> GetPartnerIds();
}
