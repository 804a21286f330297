namespace StatusGrid.Grains.Partners;

/// <summary>
/// Which Location PUTs were shaped by a filter older than the change that reopened their document's ledger row
/// (<c>v</c> → <c>-v</c>, <see cref="StatusGrid.Storage.IDeliveryLedger.ReopenDocumentsAsync"/>), and which PUTs such a
/// change owes (stamped when sent, <see cref="SentStamps"/>).
/// </summary>
/// <remarks>
/// A PUT decides visible or withdrawal when it is taken, by the filter then in force (OcpiPushClient.AsSentTo). One
/// taken before a narrowing and answered after it had put the visible copy at the partner; recorded at <c>v</c>, it
/// closed the reopened row, so when the activation died before the withdrawal that followed it got through, no
/// reconcile owed that withdrawal: the partner kept the Location it may no longer see (and, widened, the withdrawal of
/// one it should see). Such a PUT is recorded as <c>-v</c> instead ("got v, owes it again"), which the ledger keeps
/// reopened until a PUT taken under the new filter is recorded.
/// </remarks>
internal sealed class FilterEpochs
{
    private readonly Dictionary<string, long> _reopenedAt = [];

    /// <summary>The epoch a PUT taken now belongs to: raised each time a filter change takes effect.</summary>
    public long Current { get; private set; }

    /// <summary>
    /// Before the ledger rows of <paramref name="locationIds"/> are reopened: no PUT of them counts as shaped by the
    /// new filter until <see cref="InForce"/> (one answered in between would otherwise close the reopened row).
    /// </summary>
    public void Reopening(IEnumerable<string> locationIds)
    {
        foreach (var id in locationIds)
        {
            _reopenedAt[EvseBacklog.LocationKey(id)] = long.MaxValue;
        }
    }

    /// <summary>The filter that reopened <paramref name="locationIds"/> is in force (or was undone): PUTs taken from now on are shaped by the one in force.</summary>
    public void InForce(IEnumerable<string> locationIds)
    {
        Current++;
        foreach (var id in locationIds)
        {
            _reopenedAt[EvseBacklog.LocationKey(id)] = Current;
        }
    }

    /// <summary>Rows reconcile found reopened (-v) by a filter change before this activation: their next PUT is owed as such.</summary>
    public void Owed(IEnumerable<string> locationIds)
    {
        foreach (var id in locationIds)
        {
            _reopenedAt.TryAdd(EvseBacklog.LocationKey(id), Current);
        }
    }

    /// <summary>
    /// The document version to record for a PUT of <paramref name="locationId"/> taken at <paramref name="epoch"/>,
    /// now settled: its negative when the PUT was taken before the filter change that reopened the row (it stays owed),
    /// else <paramref name="version"/>, which closes the row.
    /// </summary>
    public long Settled(string locationId, long epoch, long version)
    {
        var key = EvseBacklog.LocationKey(locationId);
        if (_reopenedAt.TryGetValue(key, out var reopenedAt) && epoch < reopenedAt)
        {
            return -version;
        }

        _reopenedAt.Remove(key);
        return version;
    }

    /// <summary>Whether a PUT of <paramref name="locationId"/> sent now answers a filter change that reopened its row (it must be applied: <see cref="SentStamps"/>).</summary>
    public bool IsOwed(string locationId) => _reopenedAt.ContainsKey(EvseBacklog.LocationKey(locationId));
}
