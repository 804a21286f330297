using StatusGrid.Contracts.Evses;
using System.Collections.Immutable;
using StatusGrid.Contracts.Partners;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// The pushes a partner refused, one entry per object (a Location, or an EVSE), the newest first, bounded. An entry
/// goes when the object is delivered later (it changed and the partner took it) or an admin resyncs.
/// </summary>
internal sealed class RejectionLog(int capacity = 100)
{
    public const int MaxMessageLength = 200;
    private readonly Dictionary<string, PushRejection> _entries = [];

    public long Total { get; private set; }

    public static PushRejection Create(string locationId, string? evseUid, long? version, PushResult result, DateTimeOffset at)
    {
        var message = result.OcpiMessage ?? result.Detail;
        if (message is { Length: > MaxMessageLength })
        {
            message = message[..MaxMessageLength];
        }

        return new PushRejection(locationId, evseUid, version, result.HttpStatus, result.OcpiStatusCode, message, at);
    }

    public void Add(PushRejection rejection)
    {
        Total++;
        _entries[Key(rejection.LocationId, rejection.EvseUid)] = rejection;
        if (_entries.Count > capacity)
        {
            var oldest = _entries.MinBy(e => e.Value.At).Key;
            _entries.Remove(oldest);
        }
    }

    /// <returns>True when an entry was removed.</returns>
    public bool Remove(string locationId, string? evseUid) => _entries.Remove(Key(locationId, evseUid));

    public void Clear() => _entries.Clear();

    public void Load(IEnumerable<PushRejection> rejections)
    {
        foreach (var rejection in rejections)
        {
            _entries[Key(rejection.LocationId, rejection.EvseUid)] = rejection;
        }
    }

    public ImmutableArray<PushRejection> Snapshot() => [.. _entries.Values.OrderByDescending(r => r.At)];

    public bool IsEmpty => _entries.Count == 0;

    private static string Key(string locationId, string? evseUid) =>
        evseUid is null ? EvseBacklog.LocationKey(locationId) : EvseKey.Evse(locationId, evseUid);
}
