using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Server.Dashboard.Viewport;

namespace StatusGrid.Server.Dashboard.Estate;

/// <summary>
/// This silo's in-memory copy of the public map: published locations by detail tile, with per-tile status counts.
/// Snapshots, aggregates and search are answered from here, so browsers panning never query the database that ingest
/// and partner delivery depend on. Every silo keeps its own (the fan-out gives every silo every change).
/// </summary>
public sealed partial class DashboardEstate(int detailZoom)
{
    private static readonly int StatusCount = Enum.GetValues<EvseStatus>().Length;

    private readonly Dictionary<string, (MapLocation Location, TileKey Tile)> _locations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<TileKey, Bucket> _tiles = [];
    private readonly HashSet<TileKey> _dirty = [];
    private readonly Lock _gate = new();

    public int DetailZoom { get; } = detailZoom;

    /// <summary>True once the initial load from storage finished.</summary>
    public bool Ready { get; set; }

    public TileKey? TileOf(string locationId)
    {
        lock (_gate)
        {
            return _locations.TryGetValue(locationId, out var held) ? held.Tile : null;
        }
    }

    /// <summary>Adds or replaces a location; answers the tile it left (if it moved or is new: null) and its tile now.</summary>
    public (TileKey? Previous, TileKey Current) Upsert(MapLocation location)
    {
        var tile = TileKey.Of(location.Latitude, location.Longitude, DetailZoom);
        lock (_gate)
        {
            TileKey? previous = null;
            if (_locations.TryGetValue(location.Id, out var held))
            {
                previous = held.Tile;
                KeepNewerStatuses(held.Location, location);
                Count(held.Location, held.Tile, -1);
            }

            _locations[location.Id] = (location, tile);
            Count(location, tile, +1);
            return (previous, tile);
        }
    }

    /// <summary>The locations held (a resync drops those the store no longer has).</summary>
    public IReadOnlyList<string> LocationIds()
    {
        lock (_gate)
        {
            return [.. _locations.Keys];
        }
    }

    /// <summary>Drops a location (unpublished, or gone); answers the tile it was in.</summary>
    public TileKey? Remove(string locationId)
    {
        lock (_gate)
        {
            if (!_locations.Remove(locationId, out var held))
            {
                return null;
            }

            Count(held.Location, held.Tile, -1);
            return held.Tile;
        }
    }

    /// <summary>
    /// Applies one change; answers the tile it belongs to, or null when it is not news (older than what is held) or the
    /// location is unknown here (<paramref name="unknown"/> then says so, and the caller loads it).
    /// </summary>
    public TileKey? Apply(string locationId, string evseUid, EvseStatus status, DateTimeOffset lastUpdated, long version, out bool unknown)
    {
        unknown = false;
        lock (_gate)
        {
            if (!_locations.TryGetValue(locationId, out var held))
            {
                unknown = true;
                return null;
            }

            var evse = held.Location.Evses.FirstOrDefault(e => string.Equals(e.Uid, evseUid, StringComparison.OrdinalIgnoreCase));
            if (evse is null)
            {
                unknown = true;
                return null;
            }

            if (version <= evse.Version && (version > 0 || lastUpdated <= evse.LastUpdated))
            {
                return null;
            }

            var bucket = _tiles[held.Tile];
            bucket.Counts[(int)evse.Status]--;
            bucket.Counts[(int)status]++;
            evse.Status = status;
            evse.LastUpdated = lastUpdated;
            evse.Version = Math.Max(version, evse.Version);
            _dirty.Add(held.Tile);
            return held.Tile;
        }
    }

    /// <summary>The locations of these detail tiles, as GeoJSON features.</summary>
    public IReadOnlyList<Feature<LocationProperties>> Features(IEnumerable<TileKey> tiles)
    {
        lock (_gate)
        {
            var features = new List<Feature<LocationProperties>>();
            foreach (var tile in tiles)
            {
                if (_tiles.TryGetValue(tile, out var bucket))
                {
                    features.AddRange(bucket.Ids.Select(id => Feature(_locations[id].Location)));
                }
            }

            return features;
        }
    }

    public Feature<LocationProperties>? Feature(string locationId)
    {
        lock (_gate)
        {
            return _locations.TryGetValue(locationId, out var held) ? Feature(held.Location) : null;
        }
    }

    /// <summary>
    /// Counts per coarse tile (a zoom at or below the detail zoom) for the requested tiles that hold anything, and with
    /// <paramref name="emptyToo"/> also, at zero, those that hold nothing: a live update must clear a tile whose last
    /// location left, where a snapshot simply leaves it out.
    /// </summary>
    public IReadOnlyList<Feature<AggregateProperties>> Aggregates(IReadOnlyCollection<TileKey> coarse, bool emptyToo = false)
    {
        var wanted = coarse.ToHashSet();
        var sums = new Dictionary<TileKey, Bucket>();
        lock (_gate)
        {
            foreach (var (tile, bucket) in _tiles)
            {
                foreach (var z in wanted.Select(w => w.Z).Distinct())
                {
                    var parent = tile.Parent(z);
                    if (wanted.Contains(parent))
                    {
                        var sum = sums.TryGetValue(parent, out var s) ? s : sums[parent] = new Bucket();
                        sum.Add(bucket);
                    }
                }
            }
        }

        return emptyToo
            ? [.. wanted.Select(t => AggregateFeature(t, sums.GetValueOrDefault(t) ?? new Bucket()))]
            : [.. sums.Where(s => s.Value.Locations > 0).Select(s => AggregateFeature(s.Key, s.Value))];
    }

    /// <summary>The detail tiles whose counts changed since the last call.</summary>
    public IReadOnlyList<TileKey> TakeDirtyTiles()
    {
        lock (_gate)
        {
            var dirty = _dirty.ToList();
            _dirty.Clear();
            return dirty;
        }
    }

    public EstateSummary Summary()
    {
        lock (_gate)
        {
            var total = new Bucket();
            double south = 90, north = -90;
            foreach (var bucket in _tiles.Values)
            {
                total.Add(bucket);
            }

            var longitudes = new LongitudeSpan();
            foreach (var (location, _) in _locations.Values)
            {
                longitudes.Add(location.Longitude);
                south = Math.Min(south, location.Latitude);
                north = Math.Max(north, location.Latitude);
            }

            return new EstateSummary(Ready, total.Locations, total.Evses, total.Named(),
                longitudes.Span() is var (west, east) ? [west, south, east, north] : null);
        }
    }

    /// <summary>Case-insensitive match on evse_id, city, address, postal code, name or id; exact evse_id matches first.</summary>
    public IReadOnlyList<SearchHit> Search(string query, int max)
    {
        var q = query.Trim();
        var hits = new List<(int Rank, SearchHit Hit)>();
        lock (_gate)
        {
            foreach (var (location, _) in _locations.Values)
            {
                var (rank, matched) = EstateSearch.Match(location, q);
                if (rank > 0)
                {
                    hits.Add((rank, new SearchHit(location.Id, location.Name, location.Address, location.City, location.Latitude, location.Longitude, matched)));
                }
            }
        }

        return [.. hits.OrderByDescending(h => h.Rank).ThenBy(h => h.Hit.City, StringComparer.OrdinalIgnoreCase).ThenBy(h => h.Hit.Id, StringComparer.Ordinal).Take(max).Select(h => h.Hit)];
    }

    private static void KeepNewerStatuses(MapLocation held, MapLocation incoming)
    {
        foreach (var evse in incoming.Evses)
        {
            var old = held.Evses.FirstOrDefault(e => string.Equals(e.Uid, evse.Uid, StringComparison.OrdinalIgnoreCase));
            if (old is not null && (old.Version > evse.Version || (old.Version == evse.Version && old.LastUpdated > evse.LastUpdated)))
            {
                evse.Status = old.Status;
                evse.LastUpdated = old.LastUpdated;
                evse.Version = old.Version;
            }
        }
    }

    private void Count(MapLocation location, TileKey tile, int sign)
    {
        var bucket = _tiles.TryGetValue(tile, out var b) ? b : _tiles[tile] = new Bucket();
        if (sign > 0)
        {
            bucket.Ids.Add(location.Id);
        }
        else
        {
            bucket.Ids.Remove(location.Id);
        }

        bucket.Locations += sign;
        bucket.SumLatitude += sign * location.Latitude;
        bucket.SumLongitude += sign * location.Longitude;
        foreach (var evse in location.Evses)
        {
            bucket.Counts[(int)evse.Status] += sign;
        }

        if (bucket.Locations == 0)
        {
            _tiles.Remove(tile);
        }

        _dirty.Add(tile);
    }

    private static Feature<LocationProperties> Feature(MapLocation l) => new(
        l.Id,
        Point.At(l.Latitude, l.Longitude),
        new LocationProperties(l.Id, l.Name, l.Address, l.City, l.PostalCode, l.Country, l.Operator, [.. l.Evses.Select(e => new EvseProperties(
            e.Uid, e.EvseId, e.Status, OcpiDateTime.Format(e.LastUpdated), [.. e.Connectors.Select(c => new ConnectorProperties(c.Standard, c.PowerType, c.Kw))]))]));

    private static Feature<AggregateProperties> AggregateFeature(TileKey tile, Bucket b)
    {
        // An emptied tile has no locations to average: it is placed at its centre (its bubble is cleared anyway).
        var (latitude, longitude) = b.Locations > 0 ? (b.SumLatitude / b.Locations, b.SumLongitude / b.Locations) : tile.Centre();
        return new("a/" + tile, Point.At(latitude, longitude), new AggregateProperties(tile.ToString(), b.Locations, b.Evses, b.Named()));
    }
}
