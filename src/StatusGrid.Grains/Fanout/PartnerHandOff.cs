using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;

namespace StatusGrid.Grains.Fanout;

/// <summary>
/// The fan-out's partner side, one batch at a time: reads the partner directory, hands every subscribed partner's
/// grain its share of the batch, and tells the publishers waiting for <c>ordered</c> partners whether those hold it.
/// An EVSE answers a report only after that, so ingest waits exactly as long as the ordered hand-offs: never for a
/// <c>latest</c> partner's grain (its changes are also in the delivery ledger), and not at all once the directory is
/// known to hold no ordered partner. <c>latest</c> partners are handed their share through a <see cref="LatestLane"/>
/// each, which the fan-out does not wait for.
/// </summary>
internal sealed class PartnerHandOff(
    Func<Task<ImmutableArray<PartnerSubscription>>> readDirectory,
    Func<string, IPartnerGrain> partnerGrain,
    OrderedHandOffs ordered,
    ILogger logger,
    TimeProvider time,
    Func<TimeSpan> directoryTrust,
    int maxPendingPerPartner = 100_000,
    int maxPerCall = 1_000)
{
    private readonly ConcurrentDictionary<string, LatestLane> _lanes = new(StringComparer.Ordinal);
    private ImmutableArray<PartnerSubscription>? _lastRead;

    /// <summary>When the last directory read that found no ordered partner started (a timestamp); 0: none since.</summary>
    private long _noOrderedReadAt;

    /// <summary>
    /// Whether an <c>ordered</c> partner may exist: false only while the last directory read found none and began
    /// less than <see cref="FanoutOptions.DirectoryTrust"/> ago. A partner that becomes ordered waits that long after
    /// publishing its directory entry before it counts as registered (PartnerGrain.Configure), so no silo answers a
    /// report without handing it over once an ordered partner is registered. Without the bound a silo that had not
    /// flushed a batch since before the partner existed went on answering without handing over: a report answered as
    /// a duplicate after a crash was then never handed over, and the partner lost that state.
    /// </summary>
    public bool MayHaveOrderedPartners =>
        Volatile.Read(ref _noOrderedReadAt) is var readAt && (readAt == 0 || time.GetElapsedTime(readAt) >= directoryTrust());

    /// <summary>
    /// Hands the batch over; ends once the directory was read (the drain's back-pressure: changes gather meanwhile),
    /// never waiting for a partner grain. <paramref name="waiting"/> publishers are told, as soon as that is known,
    /// whether every ordered partner holds the batch.
    /// </summary>
    public async Task SendAsync(ImmutableArray<EvseStatusChange> batch, IReadOnlyList<LocationPutRequest> puts, IReadOnlyList<TaskCompletionSource<bool>> waiting)
    {
        var readAt = time.GetTimestamp();
        if (await ReadDirectoryAsync(batch.Length) is not ({ } subscriptions, var fresh))
        {
            foreach (var publisher in waiting)
            {
                publisher.TrySetResult(false); // nothing was handed over; their senders try again
            }

            return;
        }

        // Only a read that answered counts as knowing; a copy read before may miss a partner registered since.
        Volatile.Write(ref _noOrderedReadAt, fresh && !subscriptions.Any(s => s.ReceivesPushes && s.Ordered) ? readAt : 0);
        var handOffs = new List<Task>();
        foreach (var subscription in subscriptions)
        {
            if (!subscription.ReceivesPushes)
            {
                continue;
            }

            var filter = subscription.Filter;
            var forPartner = batch.Where(c => !c.IsNew && filter.Allows(c.LocationId, c.Country, c.Publish)).ToImmutableArray();
            var partner = partnerGrain(subscription.PartnerId);
            var putIds = puts.Where(p => p.Reaches(filter)).Select(p => p.LocationId).ToImmutableArray(); // withdrawals too
            if (subscription.Ordered)
            {
                handOffs.Add(ordered.SendAsync(subscription.PartnerId, partner, putIds, forPartner));
                continue;
            }

            if (!forPartner.IsEmpty || !putIds.IsEmpty)
            {
                _lanes.GetOrAdd(subscription.PartnerId, id => new LatestLane(id, partner, maxPendingPerPartner, maxPerCall, logger))
                    .Offer(forPartner, putIds);
            }
        }

        if (waiting.Count > 0)
        {
            _ = OrderedHandOffs.SignalAsync(Task.WhenAll(handOffs), waiting);
        }
    }

    /// <summary>
    /// The directory, or the last copy read when its grain cannot answer (its silo died and it is not yet activated
    /// elsewhere): partners change rarely, and a batch routed by a copy seconds old reaches the partners it always
    /// reached, where leaving it to ledger recovery made ordered partners' publishers (and so ingest) wait.
    /// </summary>
    /// <returns>The subscriptions and whether they were read now (not the last copy); null when there are none to use.</returns>
    private async Task<(ImmutableArray<PartnerSubscription> Subscriptions, bool Fresh)?> ReadDirectoryAsync(int changes)
    {
        try
        {
            var read = await readDirectory();
            _lastRead = read;
            return (read, true);
        }
        catch (Exception ex) when (_lastRead is { } last)
        {
            logger.LogWarning(ex, "Could not read partner directory; {Count} changes routed by the copy read last", changes);
            return (last, false);
        }
        catch (Exception ex)
        {
            // Partners recover these changes from the delivery ledger (current version > delivered version); an
            // ordered partner may exist, so publishers are told the hand-off failed and their senders try again.
            logger.LogError(ex, "Could not read partner directory; {Count} changes left to ledger recovery", changes);
            return null;
        }
    }
}
