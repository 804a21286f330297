using System.Collections.Immutable;
using StatusGrid.Contracts.Partners;
using StatusGrid.Ocpi;
using StatusGrid.Server.Http;

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

    private const string Grain = "the partner grain";

    /// <summary>Why <see cref="Health"/> is missing: the partner grain did not answer in time (ask again shortly).</summary>
    public string? HealthUnavailable { get; init; }

    /// <summary>
    /// The view with the hub's parties, when the partner is a hub; without health if the grain is busy. A grain busy with
    /// long turns (seen reconciling 100k imported EVSEs on a loaded machine) answered after Orleans' response timeout, and
    /// every admin read of partners became a 500: each read here waits at most <see cref="ClusterReads.Timeout"/>.
    /// </summary>
    public static async Task<PartnerView> ReadAsync(IPartnerGrain grain, PartnerConfig config, ClusterReads reads)
    {
        try
        {
            var health = await reads.Read(grain.GetHealth(), Grain);
            return From(config, health, config.ViaHub ? await reads.Read(grain.GetHubClients(), Grain) : null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return From(config, null) with { HealthUnavailable = Unavailable(ex, reads) };
        }
    }

    /// <summary>The partner's configuration, or null when there is none; <paramref name="busy"/> when its grain did not answer.</summary>
    public static async Task<(PartnerConfig? Config, string? Busy)> ReadConfigAsync(IPartnerGrain grain, ClusterReads reads)
    {
        try
        {
            return (await reads.Read(grain.GetConfig(), Grain), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (null, Unavailable(ex, reads));
        }
    }

    private static string Unavailable(Exception ex, ClusterReads reads) => ex is TimeoutException
        ? ClusterReads.NoAnswer(Grain, reads.Timeout)
        : $"{Grain} could not be read: {ex.Message}";
}
