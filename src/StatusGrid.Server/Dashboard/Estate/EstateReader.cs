using StatusGrid.Contracts.Locations;
using StatusGrid.Grains.Locations;
using StatusGrid.Storage;
namespace StatusGrid.Server.Dashboard.Estate;

/// <summary>Reads published locations with their live statuses, as the public map shows them.</summary>
public sealed class EstateReader(LiveLocations live)
{
    public const int PageSize = 1000;

    /// <summary>One page of published locations in storage order; Total says how many there are.</summary>
    public async Task<(IReadOnlyList<MapLocation> Items, int Total)> PageAsync(int offset, int limit, CancellationToken ct)
    {
        var (items, total) = await live.QueryAsync(new LocationQuery(offset, limit) { PublishedOnly = true }, ct);
        return (Project(items), total);
    }

    /// <summary>These locations as the map shows them; an unpublished or unknown id is left out.</summary>
    public async Task<IReadOnlyList<MapLocation>> ReadAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var found = new List<MapLocation>();
        foreach (var chunk in ids.Chunk(PageSize))
        {
            var (items, _) = await live.QueryAsync(new LocationQuery(0, chunk.Length) { LocationIds = chunk, PublishedOnly = true }, ct);
            found.AddRange(Project(items));
        }

        return found;
    }

    private static List<MapLocation> Project(IReadOnlyList<LocationSnapshot> snapshots)
    {
        var result = new List<MapLocation>(snapshots.Count);
        foreach (var snapshot in snapshots)
        {
            if (snapshot.Location.Publish && MapProjection.From(snapshot) is { } projected)
            {
                result.Add(projected);
            }
        }

        return result;
    }
}
