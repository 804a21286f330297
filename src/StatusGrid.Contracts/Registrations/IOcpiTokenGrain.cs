using Orleans.Concurrency;

namespace StatusGrid.Contracts.Registrations;

/// <summary>
/// One credentials token a partner uses to call us, keyed by <see cref="OcpiTokenKey.For"/> of the token's hash, so
/// looking a presented token up is one grain call and a database dump holds no usable token.
/// </summary>
public interface IOcpiTokenGrain : IGrainWithStringKey
{
    Task Grant(OcpiTokenGrant grant);

    [AlwaysInterleave, ReadOnly]
    Task<OcpiTokenGrant?> Get();

    /// <summary>Revokes the token if it still belongs to <paramref name="partnerId"/>.</summary>
    Task Revoke(string partnerId);
}
