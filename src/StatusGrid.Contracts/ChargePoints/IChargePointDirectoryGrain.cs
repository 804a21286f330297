using System.Collections.Immutable;

namespace StatusGrid.Contracts.ChargePoints;

/// <summary>
/// One bucket of the registered identities, for the admin listing (<see cref="ChargePointDirectory"/>). Each bucket
/// persists its own set, so a registration writes a 64th of the fleet, not all of it.
/// </summary>
public interface IChargePointDirectoryGrain : IGrainWithIntegerKey
{
    Task Add(string identity);

    Task Remove(string identity);

    Task<ImmutableArray<string>> GetIdentities();
}

/// <summary>
/// Which directory bucket holds an identity. One grain held every identity and wrote the whole set on each
/// registration: registering n stations wrote O(n²) bytes (10,000 stations: about 1 GB). Keys 1 to
/// <see cref="Buckets"/>; key 0 is the single directory of earlier versions, still listed and cleaned up.
/// </summary>
public static class ChargePointDirectory
{
    public const int Buckets = 64;

    public const int Legacy = 0;

    /// <summary>FNV-1a over the identity's characters: stable across processes (string.GetHashCode is not).</summary>
    public static int BucketFor(string identity)
    {
        var hash = 2166136261u;
        foreach (var c in identity)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return 1 + (int)(hash % Buckets);
    }

    public static async Task<ImmutableArray<string>> ListAsync(IGrainFactory grains)
    {
        var buckets = await Task.WhenAll(Enumerable.Range(Legacy, Buckets + 1).Select(b => grains.GetGrain<IChargePointDirectoryGrain>(b).GetIdentities()));
        return [.. buckets.SelectMany(b => b).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
