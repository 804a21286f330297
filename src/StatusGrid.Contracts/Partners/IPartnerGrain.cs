using System.Collections.Immutable;
using Orleans.Concurrency;
using StatusGrid.Contracts.Evses;

namespace StatusGrid.Contracts.Partners;

/// <summary>
/// One roaming partner, keyed by its id. Owns its push pipeline: the latest pending state per EVSE (coalesced),
/// one request in flight per EVSE, bounded concurrency, backoff. A partner's trouble stays its own.
/// </summary>
public interface IPartnerGrain : IGrainWithStringKey
{
    Task Configure(PartnerConfig config);

    Task<PartnerConfig?> GetConfig();

    Task Remove();

    /// <summary>Queues status changes (already filtered for this partner); returns once queued, not sent.</summary>
    Task EnqueueStatusChanges(ImmutableArray<EvseStatusChange> changes);

    /// <summary>Queues a full PUT of each Location.</summary>
    Task EnqueueLocationPuts(ImmutableArray<string> locationIds);

    [AlwaysInterleave]
    Task<PartnerHealth> GetHealth();

    /// <summary>
    /// Re-derives the backlog from the delivery ledger now instead of at the next interval (called when a silo died:
    /// changes it committed may never have reached this partner). Activates the partner if it lived on that silo.
    /// </summary>
    Task Reconcile();

    /// <summary>
    /// Queues a PUT of every Location the partner may see, forgetting its rejections (an admin's resync). Returns how
    /// many locations were queued; 0 when the partner receives no pushes.
    /// </summary>
    Task<int> Resync();

    /// <summary>A roaming hub's ClientInfo PUT: stores what the hub says about a party behind it (this grain is the hub).</summary>
    Task<HubClientPutOutcome> PutHubClient(HubClient client);

    /// <summary>What this hub last said about one party; null if it never mentioned it.</summary>
    [AlwaysInterleave]
    Task<HubClient?> GetHubClient(string countryCode, string partyId);

    /// <summary>Every party this hub reported, ordered by key.</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<HubClient>> GetHubClients();

    /// <summary>The hub this partner is reached through changed what it says about its parties: re-read ours.</summary>
    Task HubClientsChanged();
}
