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
    int maxPendingPerPartner = 100_000,
    int maxPerCall = 1_000)
{
    private readonly ConcurrentDictionary<string, LatestLane> _lanes = new(StringComparer.Ordinal);
    private ImmutableArray<PartnerSubscription>? _lastRead;
    private bool? _anyOrdered;

    /// <summary>Whether an <c>ordered</c> partner may exist (true until the partner directory was first read).</summary>
    public bool MayHaveOrderedPartners => _anyOrdered != false;

    /// <summary>
    /// Hands the batch over; ends once the directory was read (the drain's back-pressure: changes gather meanwhile),
    /// never waiting for a partner grain. <paramref name="waiting"/> publishers are told, as soon as that is known,
    /// whether every ordered partner holds the batch.
    /// </summary>
    public async Task SendAsync(ImmutableArray<EvseStatusChange> batch, IReadOnlyList<LocationPutRequest> puts, IReadOnlyList<TaskCompletionSource<bool>> waiting)
    {
        if (await ReadDirectoryAsync(batch.Length) is not { } subscriptions)
        {
            foreach (var publisher in waiting)
            {
                publisher.TrySetResult(false); // nothing was handed over; their senders try again
            }

            return;
        }

        _anyOrdered = subscriptions.Any(s => s.ReceivesPushes && s.Ordered);
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
            var putIds = puts.Where(p => filter.Allows(p.LocationId, p.Country, p.Publish)).Select(p => p.LocationId).ToImmutableArray();
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
    private async Task<ImmutableArray<PartnerSubscription>?> ReadDirectoryAsync(int changes)
    {
        try
        {
            var read = await readDirectory();
            _lastRead = read;
            return read;
        }
        catch (Exception ex) when (_lastRead is { } last)
        {
            logger.LogWarning(ex, "Could not read partner directory; {Count} changes routed by the copy read last", changes);
            return last;
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
