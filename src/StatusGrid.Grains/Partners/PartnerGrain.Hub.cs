using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using StatusGrid.Contracts.Partners;
using StatusGrid.Ocpi.HubClientInfo;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// Roaming hubs (HubClientInfo). As the hub: stores the ClientInfo objects the hub PUTs and tells the partners reached
/// through it. As a partner reached through a hub (<see cref="PartnerConfig.HubId"/>): holds its pushes while the hub
/// reports its party anything but CONNECTED. A hub that never sends ClientInfo (Gireve's IOP does not implement the
/// module) never holds anything back: "no ClientInfo" means "send".
/// </summary>
public sealed partial class PartnerGrain
{
    /// <summary>This partner's party as its hub reports it; null when not behind a hub or never reported.</summary>
    private ConnectionStatus? _hubStatus;

    private bool HeldByHub => state.State.Config?.HubId is not null && !HubClient.MayReceive(_hubStatus);

    public async Task<HubClientPutOutcome> PutHubClient(HubClient client)
    {
        if (state.State.Config is not { ViaHub: true })
        {
            return HubClientPutOutcome.NotAHub;
        }

        var key = HubClient.Key(client.CountryCode, client.PartyId);
        if (state.State.HubClients.TryGetValue(key, out var held) && held.LastUpdated > client.LastUpdated)
        {
            return HubClientPutOutcome.KeptNewer;
        }

        if (held is null && state.State.HubClients.Count >= Options.MaxHubClients)
        {
            return HubClientPutOutcome.TooMany; // the state is rewritten whole on every PUT: bounded (PushOptions.MaxHubClients)
        }

        state.State.HubClients[key] = client with { CountryCode = client.CountryCode.ToUpperInvariant(), PartyId = client.PartyId.ToUpperInvariant() };
        // Not stored: keep what is stored; a copy only in memory would turn away an older one the store lacks too.
        await WriteStateOrUndoAsync(() =>
        {
            if (held is null)
            {
                state.State.HubClients.Remove(key);
            }
            else
            {
                state.State.HubClients[key] = held;
            }
        });
        LogHubClient(logger, PartnerId, key, client.Status);
        await NotifyPartiesBehindAsync();
        return HubClientPutOutcome.Stored;
    }

    public Task<HubClient?> GetHubClient(string countryCode, string partyId) =>
        Task.FromResult(state.State.HubClients.GetValueOrDefault(HubClient.Key(countryCode, partyId)));

    public Task<ImmutableArray<HubClient>> GetHubClients() =>
        Task.FromResult(state.State.HubClients.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToImmutableArray());

    public async Task HubClientsChanged()
    {
        await RefreshHubStatusAsync();
        Pump();
    }

    /// <summary>Reads our party's status from the hub (activation, configuration, the hub's notice, every reconcile).</summary>
    private async Task RefreshHubStatusAsync()
    {
        if (state.State.Config is not { HubId: { } hubId } config)
        {
            _hubStatus = null;
            return;
        }

        var was = HeldByHub;
        try
        {
            _hubStatus = (await GrainFactory.GetGrain<IPartnerGrain>(hubId).GetHubClient(config.CountryCode, config.PartyId))?.Status;
        }
        catch (Exception ex)
        {
            // Keep the last known status; the next reconcile reads it again.
            logger.LogWarning(ex, "Partner {PartnerId} could not read its status from hub {HubId}", PartnerId, hubId);
            return;
        }

        if (was && !HeldByHub)
        {
            // Back: the party resyncs by GET (the spec), and we also send what changed meanwhile, once, the latest state.
            _ = ReconcileOnceAsync();
        }
    }

    /// <summary>Tells every partner reached through this hub to re-read its party's status.</summary>
    private async Task NotifyPartiesBehindAsync()
    {
        try
        {
            var behind = (await GrainFactory.GetGrain<IPartnerDirectoryGrain>(0).GetSubscriptions()).Where(s => s.HubId == PartnerId);
            await Task.WhenAll(behind.Select(s => GrainFactory.GetGrain<IPartnerGrain>(s.PartnerId).HubClientsChanged()));
        }
        catch (Exception ex)
        {
            // Each such partner also re-reads its status at every reconcile (StatusGrid:Push:ReconcileInterval).
            logger.LogWarning(ex, "Hub {HubId} could not notify the partners reached through it", PartnerId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub {HubId} reports party {Party} {Status}")]
    private static partial void LogHubClient(ILogger logger, string hubId, string party, ConnectionStatus status);
}
