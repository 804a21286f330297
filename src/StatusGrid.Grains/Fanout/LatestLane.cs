using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Hosting;

namespace StatusGrid.Grains.Fanout;

/// <summary>
/// Hand-offs to one <c>latest</c> partner's grain: one call in flight, whatever arrives meanwhile goes in the next
/// call. The fan-out never waits for it. A partner grain that cannot answer for a while (its silo died and Orleans'
/// directory holds its re-activation under a lease, up to about 30 s) then holds back only its own changes, not the
/// other partners', the dashboards' or the fan-out's next batch. Its changes are safe meanwhile: the delivery ledger
/// has every EVSE's latest state and every Location document's version, and reconcile queues what the partner grain
/// was not handed.
/// </summary>
internal sealed class LatestLane(string partnerId, IPartnerGrain partner, int maxPending, int maxPerCall, ILogger logger)
{
    private readonly object _gate = new();
    private List<EvseStatusChange> _changes = [];
    private HashSet<string> _putIds = new(StringComparer.OrdinalIgnoreCase);
    private bool _sending;

    /// <summary>Adds a batch's share for this partner; starts a call unless one is in flight.</summary>
    public void Offer(ImmutableArray<EvseStatusChange> changes, ImmutableArray<string> putIds)
    {
        lock (_gate)
        {
            if (_changes.Count + changes.Length > maxPending)
            {
                // The partner grain has not answered for a long while: what waits here is in the ledger as well.
                logger.LogWarning("Partner {PartnerId}'s grain is not taking changes; {Count} waiting ones are left to ledger recovery", partnerId, _changes.Count);
                _changes = [];
            }

            _changes.AddRange(changes);
            _putIds.UnionWith(putIds);
            if (_sending || (_changes.Count == 0 && _putIds.Count == 0))
            {
                return;
            }

            _sending = true;
            _ = Task.Run(SendAsync);
        }
    }

    private async Task SendAsync()
    {
        while (true)
        {
            List<EvseStatusChange> changes;
            HashSet<string> putIds;
            lock (_gate)
            {
                if (_changes.Count == 0 && _putIds.Count == 0)
                {
                    _sending = false;
                    return;
                }

                (changes, _changes) = (_changes, []);
                (putIds, _putIds) = (_putIds, new(StringComparer.OrdinalIgnoreCase));
            }

            try
            {
                if (putIds.Count > 0)
                {
                    await partner.EnqueueLocationPuts([.. putIds]);
                }

                for (var offset = 0; offset < changes.Count; offset += maxPerCall)
                {
                    await partner.EnqueueStatusChanges([.. changes.Skip(offset).Take(maxPerCall)]);
                }
            }
            catch (Exception ex) when (ClusterUnavailable.Is(ex))
            {
                // Routine while a silo stops or dies (every stop of a rolling restart raises it): nothing is lost, so
                // no stack and no error for an operator to chase.
                logger.LogWarning("Partner {PartnerId}'s grain could not take changes now ({Reason}); they stay pending in the delivery ledger", partnerId, ex.Message);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Could not hand changes to partner {PartnerId}; they stay pending in the delivery ledger", partnerId);
            }
        }
    }
}
