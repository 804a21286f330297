using System.Text.Json;
using StatusGrid.Grains.Locations;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage;

namespace StatusGrid.Server.Dashboard.Estate;

/// <summary>Reads published locations with their live statuses from storage, as the public map shows them.</summary>
public sealed class EstateReader(ILocationStore locations, IStatusStore statuses)
{
    public const int PageSize = 1000;

    /// <summary>One page of published locations in storage order; Total says how many there are.</summary>
    public async Task<(IReadOnlyList<MapLocation> Items, int Total)> PageAsync(int offset, int limit, CancellationToken ct)
    {
        var page = await locations.QueryAsync(new LocationQuery(offset, limit) { PublishedOnly = true }, ct);
        return (await ProjectAsync(page.Items, ct), page.TotalCount);
    }

    /// <summary>These locations as the map shows them; an unpublished or unknown id is left out.</summary>
    public async Task<IReadOnlyList<MapLocation>> ReadAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var found = new List<StoredLocation>();
        foreach (var chunk in ids.Chunk(PageSize))
        {
            var page = await locations.QueryAsync(new LocationQuery(0, chunk.Length) { LocationIds = chunk }, ct);
            found.AddRange(page.Items);
        }

        return await ProjectAsync(found, ct);
    }

    private async Task<IReadOnlyList<MapLocation>> ProjectAsync(IReadOnlyList<StoredLocation> stored, CancellationToken ct)
    {
        var published = stored.Where(s => s.Publish).ToList();
        if (published.Count == 0)
        {
            return [];
        }

        var live = (await statuses.ReadLocationsAsync(published.Select(l => l.Id).ToList(), ct))
            .ToLookup(s => s.LocationId, StringComparer.OrdinalIgnoreCase);
        var result = new List<MapLocation>(published.Count);
        foreach (var location in published)
        {
            var document = JsonSerializer.Deserialize<Location>(location.Json, OcpiJson.Options)!;
            if (MapProjection.From(LocationGrain.Merge(document, live[location.Id])) is { } projected)
            {
                result.Add(projected);
            }
        }

        return result;
    }
}
