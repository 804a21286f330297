namespace StatusGrid.Server.Tests.Cluster;

/// <summary>
/// What a test sent for one EVSE and what it was told. Changes are sent one at a time per EVSE, with rising
/// observed_at and a status different from the previous attempt. An acknowledged change (answered 200, applied) must
/// survive anything; a change whose request failed is unknown: it may or may not have been committed.
/// </summary>
public sealed class EvseHistory(string locationId, string evseUid)
{
    private static readonly string[] Statuses = ["AVAILABLE", "CHARGING", "BLOCKED", "RESERVED"];
    private static readonly DateTimeOffset Start = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<EvseState> _unknown = [];
    private int _sequence;

    public string LocationId { get; } = locationId;

    public string EvseUid { get; } = evseUid;

    public string Key => $"{LocationId}/{EvseUid}";

    /// <summary>The last change known to be durable (the location document's status before any change was sent).</summary>
    public EvseState Acknowledged { get; private set; } = new("AVAILABLE", new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));

    public int AcknowledgedCount { get; private set; }

    /// <summary>The changes sent after <see cref="Acknowledged"/> whose fate is unknown.</summary>
    public IReadOnlyList<EvseState> Unknown => _unknown;

    public EvseState Next()
    {
        _sequence++;
        return new EvseState(Statuses[_sequence % Statuses.Length], Start.AddMilliseconds(_sequence * 10));
    }

    public void Applied(EvseState change)
    {
        Acknowledged = change;
        AcknowledgedCount++;
        _unknown.Clear();
    }

    public void Failed(EvseState change) => _unknown.Add(change);

    /// <summary>Stored state that loses no acknowledged change: the acknowledged one, or a later unknown one.</summary>
    public bool Allows(EvseState stored) => stored == Acknowledged || _unknown.Contains(stored);
}
