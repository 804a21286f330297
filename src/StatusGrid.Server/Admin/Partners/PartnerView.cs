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

    /// <summary>
    /// How long a view waits for a partner grain. A grain busy with long turns (seen reconciling 100k imported EVSEs on a
    /// loaded machine) answered after Orleans' response timeout, and every admin read of partners became a 500.
    /// </summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    /// <summary>Why <see cref="Health"/> is missing: the partner grain did not answer in time (ask again shortly).</summary>
    public string? HealthUnavailable { get; init; }

    /// <summary>The view with the hub's parties, when the partner is a hub; without health if the grain is busy.</summary>
    public static async Task<PartnerView> ReadAsync(IPartnerGrain grain, PartnerConfig config)
    {
        try
        {
            var health = await grain.GetHealth().WaitAsync(Wait);
            return From(config, health, config.ViaHub ? await grain.GetHubClients().WaitAsync(Wait) : null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return From(config, null) with { HealthUnavailable = Unavailable(ex) };
        }
    }

    /// <summary>The partner's configuration, or null when there is none; <paramref name="busy"/> when its grain did not answer.</summary>
    public static async Task<(PartnerConfig? Config, string? Busy)> ReadConfigAsync(IPartnerGrain grain)
    {
        try
        {
            return (await grain.GetConfig().WaitAsync(Wait), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (null, Unavailable(ex));
        }
    }

    private static string Unavailable(Exception ex) => ex is TimeoutException
        ? $"the partner grain did not answer within {Wait.TotalSeconds:0} s (busy, e.g. with a large backlog); ask again shortly"
        : $"the partner grain could not be read: {ex.Message}";
}
