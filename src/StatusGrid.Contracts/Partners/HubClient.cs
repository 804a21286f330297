using StatusGrid.Ocpi.Credentials;
using StatusGrid.Ocpi.HubClientInfo;

namespace StatusGrid.Contracts.Partners;

/// <summary>
/// A party behind a roaming hub, as the hub last reported it (an OCPI ClientInfo), kept by the hub's partner grain.
/// </summary>
/// <param name="ReceivedAt">When we stored it (our clock), for the operations view.</param>
[GenerateSerializer, Immutable]
public sealed record HubClient(
    [property: Id(0)] string CountryCode,
    [property: Id(1)] string PartyId,
    [property: Id(2)] Role Role,
    [property: Id(3)] ConnectionStatus Status,
    [property: Id(4)] DateTimeOffset LastUpdated,
    [property: Id(5)] DateTimeOffset ReceivedAt)
{
    /// <summary>The key of a party: upper-cased, since party ids and country codes are CiStrings.</summary>
    public static string Key(string countryCode, string partyId) => $"{countryCode}*{partyId}".ToUpperInvariant();

    /// <summary>
    /// Only CONNECTED parties are pushed to. OFFLINE and SUSPENDED: the spec says send nothing; PLANNED: never
    /// connected yet, so there is nobody to send to either.
    /// </summary>
    public static bool MayReceive(ConnectionStatus? status) => status is null or ConnectionStatus.Connected;
}

/// <summary>What became of a ClientInfo PUT.</summary>
public enum HubClientPutOutcome
{
    Stored,

    /// <summary>Older than the copy we hold (by last_updated): kept ours, answered as success (PUT is idempotent).</summary>
    KeptNewer,

    /// <summary>The caller is not a roaming hub (its registration names no hub party).</summary>
    NotAHub,

    /// <summary>A party the hub has not sent before, past the most a hub may hold (<c>StatusGrid:Push:MaxHubClients</c>).</summary>
    TooMany,
}
