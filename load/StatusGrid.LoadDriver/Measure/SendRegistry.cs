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

    public static void MarkFailed(IEnumerable<SendRecord> records)
    {
        foreach (var record in records)
        {
            Volatile.Write(ref record.InFailedRequest, 1);
        }
    }

    /// <summary>
    /// The sum of <paramref name="weight"/> over the measured changes sent at or after <paramref name="fromTimestamp"/>
    /// in accepted requests: e.g. how many map items those changes owe when the weight is an EVSE's watchers.
    /// </summary>
    public long SumSentSince(long fromTimestamp, Func<int, int> weight)
    {
        long sum = 0;
        foreach (var (key, record) in _sent)
        {
            if (record.Measured && Volatile.Read(ref record.SendTimestamp) >= fromTimestamp && Volatile.Read(ref record.InFailedRequest) == 0)
            {
                sum += weight(key.Evse);
            }
        }

        return sum;
    }

    /// <summary>
    /// EVSEs changed in this run, how many of them every partner received in their last state, and how many of the
    /// others had that last state in a request the server did not accept: the driver does not send it again (a real
    /// client would, by the README's retry rule), so no partner can have it.
    /// </summary>
    public (int Touched, int LatestEverywhere, int LastInFailedRequest) LatestStateCoverage(int partnerMask)
    {
        int touched = 0, everywhere = 0, failed = 0;
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
            else if (Volatile.Read(ref record.InFailedRequest) == 1)
            {
                failed++;
            }
        }

        return (touched, everywhere, failed);
    }
}
