using StatusGrid.Contracts.Partners;
using StatusGrid.Contracts.Registrations;
using StatusGrid.Ocpi;

namespace StatusGrid.Grains.Tests;

public sealed class OcpiRegistrationGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IClusterClient Client => fixture.Cluster.Client;

    private static OcpiRegistration Pending(string id, params string[] hashes) => new()
    {
        PartnerId = id,
        Status = OcpiRegistrationStatus.Pending,
        Direction = OcpiRegistrationDirection.TheyRegister,
        TokenHashes = [.. hashes],
    };

    private static OcpiRegistration Registered(OcpiRegistration pending, string version, params string[] hashes) => pending with
    {
        Status = OcpiRegistrationStatus.Registered,
        TokenHashes = [.. hashes],
        Version = OcpiVersions.Parse(version),
        LocationsUrl = "http://emsp.test/ocpi/emsp/" + version + "/locations",
        TheirToken = "their-token",
        ToCountryCode = "DE",
        ToPartyId = "EMS",
        Filter = new PartnerFilter { PublishedOnly = false },
    };

    private Task<OcpiTokenGrant?> GrantOf(string hash) => Client.GetGrain<IOcpiTokenGrain>(OcpiTokenKey.For(hash)).Get();

    [Fact]
    public async Task Commit_grants_tokens_by_status_revokes_replaced_ones_and_configures_pushes()
    {
        var grain = Client.GetGrain<IOcpiRegistrationGrain>("REG-1");
        var pending = await grain.Commit(null, Pending("ignored", "hash-a"));
        Assert.NotNull(pending);
        Assert.Equal("REG-1", pending.PartnerId);
        Assert.Equal(new OcpiTokenGrant("REG-1", OcpiTokenKind.Registration), await GrantOf("hash-a"));
        Assert.Null(await Client.GetGrain<IPartnerGrain>("REG-1").GetConfig());

        // A commit against an older generation loses, and so does one that expects no registration.
        Assert.Null(await grain.Commit(0, Pending("REG-1", "hash-x")));
        Assert.Null(await grain.Commit(null, Pending("REG-1", "hash-x")));

        var registered = await grain.Commit(pending.Generation, Registered(pending, "2.2.1", "hash-c"));
        Assert.NotNull(registered);
        Assert.Null(await GrantOf("hash-a"));
        Assert.Equal(new OcpiTokenGrant("REG-1", OcpiTokenKind.Access), await GrantOf("hash-c"));
        var config = await Client.GetGrain<IPartnerGrain>("REG-1").GetConfig();
        Assert.Equal("their-token", config!.Token);
        Assert.Equal("http://emsp.test/ocpi/emsp/2.2.1/locations", config.LocationsUrl);
        Assert.False(config.Filter.PublishedOnly);

        var removed = await grain.Remove();
        Assert.Equal(registered.Generation, removed!.Generation);
        Assert.Null(await GrantOf("hash-c"));
        Assert.Null(await Client.GetGrain<IPartnerGrain>("REG-1").GetConfig());
        Assert.Null(await grain.Get());

        // Removal moved the generation on: the handshake that read the old state cannot commit.
        Assert.Null(await grain.Commit(registered.Generation, registered));
        Assert.Equal(registered.Generation + 2, (await grain.Commit(null, Pending("REG-1", "hash-a2")))!.Generation);
    }

    [Fact]
    public async Task A_211_partner_never_gets_unpublished_locations()
    {
        var grain = Client.GetGrain<IOcpiRegistrationGrain>("REG-2");
        var pending = (await grain.Commit(null, Pending("REG-2", "hash-2a")))!;
        await grain.Commit(pending.Generation, Registered(pending, "2.1.1", "hash-2c"));

        var config = await Client.GetGrain<IPartnerGrain>("REG-2").GetConfig();
        Assert.True(config!.Filter.PublishedOnly);
        Assert.Equal(OcpiVersion.V211, config.OcpiVersion);
    }
}
