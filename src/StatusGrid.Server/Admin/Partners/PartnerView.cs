using System.Collections.Immutable;
using StatusGrid.Contracts.Partners;
using StatusGrid.Ocpi;

namespace StatusGrid.Server.Admin.Partners;

/// <summary>A partner as the admin API shows it: the token is never echoed.</summary>
/// <param name="IsHub">A roaming hub (registered as one): it may send HubClientInfo, and <paramref name="HubClients"/> lists what it sent.</param>
public sealed record PartnerView(
    string Id,
    string? Name,
    string OcpiVersion,
    string? LocationsUrl,
    string CountryCode,
    string PartyId,
    bool Enabled,
    int? MaxConcurrency,
    PartnerFilter Filter,
    PartnerHealth? Health,
    bool IsHub,
    string? HubId,
    string DeliveryMode,
    int? MaxRequestsPerSecond,
    int? MaxBacklog,
    ImmutableArray<HubClient>? HubClients)
{
    public static PartnerView From(PartnerConfig c, PartnerHealth? health, ImmutableArray<HubClient>? hubClients = null) =>
        new(c.Id, c.Name, c.OcpiVersion.ToVersionString(), c.LocationsUrl, c.CountryCode, c.PartyId, c.Enabled, c.MaxConcurrency, c.Filter, health,
            c.ViaHub, c.HubId, c.DeliveryMode.ToString().ToLowerInvariant(), c.MaxRequestsPerSecond, c.MaxBacklog, c.ViaHub ? hubClients ?? [] : null);

    /// <summary>The view with the hub's parties, when the partner is a hub.</summary>
    public static async Task<PartnerView> ReadAsync(IPartnerGrain grain, PartnerConfig config) =>
        From(config, await grain.GetHealth(), config.ViaHub ? await grain.GetHubClients() : null);
}
