using Microsoft.Extensions.Caching.Memory;
using StatusGrid.Contracts.Registrations;
using StatusGrid.Server.Http;

namespace StatusGrid.Server.OcpiApi.Auth;

/// <summary>
/// Finds the grant behind a presented token without letting strangers reach the cluster: a token that cannot be one
/// of ours (every token we issue is <see cref="OcpiTokenGenerator"/>'s 43-character Base64url) is refused without a
/// lookup, and a well-formed unknown token is remembered as unknown for a minute in a bounded cache, so repeating it
/// activates no grain and reads no storage. Only misses are cached: a revoked token stops working at once.
/// </summary>
public sealed class OcpiTokenLookup : IDisposable
{
    private const int MaxRemembered = 10_000;
    private static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(1);

    private readonly Func<string, Task<OcpiTokenGrant?>> _find;
    private readonly MemoryCache _unknown = new(new MemoryCacheOptions { SizeLimit = MaxRemembered });

    public OcpiTokenLookup(IGrainFactory grains, ClusterReads reads)
        : this(token => reads.Read(grains.GetGrain<IOcpiTokenGrain>(OcpiTokenKey.For(OcpiTokenHash.Of(token))).Get(), "The token's grain"))
    {
    }

    internal OcpiTokenLookup(Func<string, Task<OcpiTokenGrant?>> find) => _find = find;

    public async Task<OcpiTokenGrant?> FindAsync(string token)
    {
        if (!OcpiTokenGenerator.CouldBeOurs(token) || _unknown.TryGetValue(token, out _))
        {
            return null;
        }

        var grant = await _find(token);
        if (grant is null)
        {
            _unknown.Set(token, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = RememberFor });
        }

        return grant;
    }

    public void Dispose() => _unknown.Dispose();
}
