using StatusGrid.Contracts.Partners;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.HubClientInfo;

namespace StatusGrid.Grains.Tests;

/// <summary>
/// A hub PUTs one ClientInfo per party behind it, and each is kept in the hub partner's state, rewritten whole on
/// every PUT. A hub (or whoever holds its token) looping over made-up parties must not grow that state without bound.
/// </summary>
public sealed class HubClientLimitTests
{
    [Fact]
    public async Task A_hub_gets_no_more_parties_than_the_limit_while_known_ones_are_still_updated()
    {
        await using var cluster = await GrainTestCluster.StartAsync(silos: 1, new Dictionary<string, string?> { ["StatusGrid:Push:MaxHubClients"] = "3" });
        var hub = cluster.Client.GetGrain<IPartnerGrain>("LIMIT-HUB");
        await hub.Configure(new PartnerConfig
        {
            Id = "LIMIT-HUB",
            OcpiVersion = OcpiVersion.V221,
            Token = "token-limit-hub",
            CountryCode = "NL",
            PartyId = "HUB",
            ViaHub = true,
        });
        var t0 = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        HubClient Party(string party, ConnectionStatus status, int minute) => new("DE", party, StatusGrid.Ocpi.Credentials.Role.Emsp, status, t0.AddMinutes(minute), t0.AddMinutes(minute));

        foreach (var party in new[] { "AAA", "BBB", "CCC" })
        {
            Assert.Equal(HubClientPutOutcome.Stored, await hub.PutHubClient(Party(party, ConnectionStatus.Connected, 0)));
        }

        Assert.Equal(HubClientPutOutcome.TooMany, await hub.PutHubClient(Party("DDD", ConnectionStatus.Connected, 1)));
        Assert.Equal(HubClientPutOutcome.Stored, await hub.PutHubClient(Party("BBB", ConnectionStatus.Offline, 2)));
        Assert.Equal(3, (await hub.GetHubClients()).Length);
        Assert.Equal(ConnectionStatus.Offline, (await hub.GetHubClient("DE", "BBB"))!.Status);
    }
}
