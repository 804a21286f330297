namespace StatusGrid.LoadDriver.Workload;

/// <summary>
/// The synthetic estate: <c>locations × evsesPerLocation</c> EVSEs, numbered 0..Count-1. Ids are fixed by index
/// (<c>LD-000042</c>, <c>LD-000042-E3</c>), so every run and every target sees the same estate.
/// </summary>
internal sealed class EvseCatalog
{
    public const string CountryCode = "NL";
    public const string PartyId = "SGR";

    private readonly string[] _locationIds;
    private readonly string[] _evseUids;
    private readonly Dictionary<string, int> _indexByUid;

    public EvseCatalog(int locations, int evsesPerLocation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(locations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(evsesPerLocation, 1);
        Locations = locations;
        EvsesPerLocation = evsesPerLocation;
        _locationIds = [.. Enumerable.Range(0, locations).Select(LocationIdOf)];
        _evseUids = new string[locations * evsesPerLocation];
        _indexByUid = new Dictionary<string, int>(_evseUids.Length, StringComparer.Ordinal);
        for (var i = 0; i < _evseUids.Length; i++)
        {
            _evseUids[i] = $"{_locationIds[i / evsesPerLocation]}-E{(i % evsesPerLocation) + 1}";
            _indexByUid[_evseUids[i]] = i;
        }
    }

    public int Locations { get; }

    public int EvsesPerLocation { get; }

    public int Count => _evseUids.Length;

    public static string LocationIdOf(int location) => $"LD-{location:D6}";

    public string LocationId(int location) => _locationIds[location];

    public string LocationOf(int evse) => _locationIds[evse / EvsesPerLocation];

    public string EvseUid(int evse) => _evseUids[evse];

    /// <summary>eMI3 EVSE id, unique per EVSE: NL*SGR*E + location + EVSE number.</summary>
    public string EvseId(int evse) => $"NL*SGR*E{evse / EvsesPerLocation:D6}{(evse % EvsesPerLocation) + 1:D2}";

    public bool TryIndexOf(string? evseUid, out int evse)
    {
        evse = -1;
        return evseUid is not null && _indexByUid.TryGetValue(evseUid, out evse);
    }
}
