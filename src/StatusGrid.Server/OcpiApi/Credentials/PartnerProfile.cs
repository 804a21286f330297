using System.Collections.Immutable;
using StatusGrid.Contracts.Registrations;
using StatusGrid.Ocpi;

namespace StatusGrid.Server.OcpiApi.Credentials;

/// <summary>What a handshake learnt of the partner's platform for one version: where to reach what.</summary>
public sealed record PartnerProfile(
    OcpiVersion Version,
    string VersionsUrl,
    string CredentialsUrl,
    string? LocationsUrl,
    ImmutableArray<OcpiPartnerEndpoint> Endpoints,
    bool RawTokenHeader);
