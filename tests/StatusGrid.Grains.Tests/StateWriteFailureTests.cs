using Orleans.Core.Internal;
using StatusGrid.Contracts.Partners;
using StatusGrid.Contracts.Registrations;

namespace StatusGrid.Grains.Tests;

/// <summary>
/// A grain changes its state in memory and then writes it. When the write fails and the caller sends the same change
/// again, the grain must write it, not answer from memory that it is so already: the memory is gone at the next
/// activation (see GrainStateWrites). Each case deactivates the grain afterwards and reads what a new activation sees.
/// </summary>
public sealed class StateWriteFailureTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task A_partner_subscription_whose_write_failed_is_stored_when_sent_again()
    {
        // Lost, the partner would silently stop receiving pushes after the directory grain's next activation.
        var directory = Client.GetGrain<IPartnerDirectoryGrain>(0);
        var subscription = new PartnerSubscription("SWF-P1", PartnerFilter.Default, ReceivesPushes: true);
        fixture.Cluster.Storage.FailingGrainWrites[directory.GetGrainId()] = true;

        await Assert.ThrowsAnyAsync<Exception>(() => directory.Upsert(subscription));
        await directory.Upsert(subscription);
        await directory.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        Assert.Contains(subscription, await directory.GetSubscriptions());
    }

    [Fact]
    public async Task A_token_whose_revoke_failed_is_revoked_when_the_revoke_is_sent_again()
    {
        // Lost, a revoked credentials token would let its old holder in again after the next activation.
        var token = Client.GetGrain<IOcpiTokenGrain>("swf-token-hash");
        await token.Grant(new OcpiTokenGrant("SWF-P2", OcpiTokenKind.Access));
        fixture.Cluster.Storage.FailingGrainWrites[token.GetGrainId()] = true;

        await Assert.ThrowsAnyAsync<Exception>(() => token.Revoke("SWF-P2"));
        await token.Revoke("SWF-P2");
        await token.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        Assert.Null(await token.Get());
    }

    [Fact]
    public async Task A_partner_configuration_whose_write_failed_is_not_in_effect()
    {
        // The admin got an error; pushing with the new URL and token from memory anyway, until the grain's next
        // activation silently went back to the stored one, would be two configurations for one answer.
        var kit = new PartnerTestKit(fixture.Cluster);
        var id = await kit.AddPartnerAsync("swf-config.test", "SWF-L1");
        var partner = Client.GetGrain<IPartnerGrain>(id);
        var stored = (await partner.GetConfig())!;
        fixture.Cluster.Storage.FailingGrainWrites[partner.GetGrainId()] = true;

        await Assert.ThrowsAnyAsync<Exception>(() => partner.Configure(stored with { Token = "token-new" }));

        Assert.Equal("token-swf-config.test", (await partner.GetConfig())!.Token);
    }
}
