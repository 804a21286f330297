using System.Collections.Concurrent;

namespace StatusGrid.LoadDriver.Measure;

/// <summary>
/// Every change sent in a run, by (EVSE, observed_at), so an arrival (partner PATCH or dashboard item carrying
/// last_updated = observed_at) finds its exact send time. Also keeps each EVSE's last change for the final-state check.
/// </summary>
internal sealed class SendRegistry
{
    private readonly ConcurrentDictionary<SendKey, SendRecord> _sent = new();
    private readonly SendRecord?[] _lastPerEvse;

    public SendRegistry(int evses) => _lastPerEvse = new SendRecord?[evses];

    public int Count => _sent.Count;

    /// <summary>Registers a change about to be sent; its timestamp is set by <see cref="MarkSent"/> right before the request.</summary>
    public SendRecord Add(int evse, long observedMs, bool measured)
    {
        var record = new SendRecord(measured);
        _sent[new SendKey(evse, observedMs)] = record;
        if (measured)
        {
            Volatile.Write(ref _lastPerEvse[evse], record);
        }

        return record;
    }

    public static void MarkSent(IEnumerable<SendRecord> records, long timestamp)
    {
        foreach (var record in records)
        {
            Volatile.Write(ref record.SendTimestamp, timestamp);
        }
    }

    public bool TryGet(int evse, long observedMs, out SendRecord record) =>
        _sent.TryGetValue(new SendKey(evse, observedMs), out record!);

    /// <summary>EVSEs changed in this run, and how many of them every partner received in their last state.</summary>
    public (int Touched, int LatestEverywhere) LatestStateCoverage(int partnerMask)
    {
        int touched = 0, everywhere = 0;
        foreach (var record in _lastPerEvse)
        {
            if (record is null)
            {
                continue;
            }

            touched++;
            if ((Volatile.Read(ref record.PartnerMask) & partnerMask) == partnerMask)
            {
                everywhere++;
            }
        }

        return (touched, everywhere);
    }
}
