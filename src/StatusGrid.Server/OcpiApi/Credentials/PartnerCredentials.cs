using System.Collections.Immutable;
using StatusGrid.Contracts.Registrations;

namespace StatusGrid.Server.OcpiApi.Credentials;

/// <summary>A partner's credentials in a version-neutral form (2.1.1's single party becomes one role).</summary>
/// <param name="Token">The token we are to use when calling the partner.</param>
/// <param name="Url">The partner's versions endpoint.</param>
public sealed record PartnerCredentials(string Token, string Url, ImmutableArray<OcpiPartyRole> Roles, string? HubPartyId);
