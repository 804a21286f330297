using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Server.Admin.Locations;

/// <summary>Puts already-validated Locations into their grains, a bounded number at a time.</summary>
public sealed class LocationImporter(IGrainFactory grains)
{
    private const int Parallelism = 32;

    public async Task<LocationImportResult> ImportAsync(IReadOnlyList<Location> locations, CancellationToken cancellationToken)
    {
        int created = 0, updated = 0, unchanged = 0;
        await Parallel.ForEachAsync(locations, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (location, _) =>
        {
            var outcome = await PutAsync(location);
            var counted = outcome switch
            {
                LocationPutOutcome.Created => Interlocked.Increment(ref created),
                LocationPutOutcome.Updated => Interlocked.Increment(ref updated),
                _ => Interlocked.Increment(ref unchanged),
            };
        });
        return new LocationImportResult(locations.Count, created, updated, unchanged);
    }

    public Task<LocationPutOutcome> PutAsync(Location location) =>
        grains.GetGrain<ILocationGrain>(EvseKey.Location(location.Id)).Put(location);
}
