using Orleans.Core.Internal;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests;

/// <summary>
/// An EVSE whose connectors all became MCS (2.3.0 only) cannot be shown to a 2.2.1 or 2.1.1 partner. Left out of the
/// Location PUT, a partner that merges PUTs kept it with its last status for ever; it must get it REMOVED, and no
/// later PATCH (not even a new activation's first) may bring it back. Seen failing first: the PUT lacked the EVSE.
/// </summary>
public sealed class UnrepresentableEvseRemovalTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private GrainTestCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task An_evse_left_with_only_mcs_connectors_is_put_as_removed_to_a_221_partner_and_its_statuses_never_resurrect_it()
    {
        const string host = "mcs-only.test";
        const string id = "MCS-1";
        var kit = new PartnerTestKit(Cluster); // 2.2.1
        var partnerId = await kit.AddPartnerAsync(host, id);
        await kit.PutLocationAsync(id, 2);
        await Eventually.True(() => Puts(kit, host).Count == 1, "the first PUT");

        var location = SampleLocations.Create(id, 2);
        var evses = location.Evses!.ToList();
        evses[1] = evses[1] with { Connectors = [evses[1].Connectors[0] with { Standard = ConnectorTypes.Mcs, PowerType = PowerType.Dc }] };
        await Cluster.Client.GetGrain<ILocationGrain>(EvseKey.Location(id)).Put(location with { Evses = evses, Name = "MCS now" });

        await Eventually.True(() => Puts(kit, host).Any(p => p.Body.Contains("MCS now", StringComparison.Ordinal)), "the edit's PUT");
        var put = Puts(kit, host).Last(p => p.Body.Contains("MCS now", StringComparison.Ordinal));
        Assert.Contains($"\"uid\":\"{id}-E2\"", put.Body, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"REMOVED\"", put.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"MCS\"", put.Body, StringComparison.Ordinal);

        await kit.ReportAsync(id, 2, EvseStatus.Charging, PartnerTestKit.T0.AddMinutes(1));
        await kit.ReportAsync(id, 1, EvseStatus.Charging, PartnerTestKit.T0.AddMinutes(1));
        await Eventually.True(() => PatchesOf(kit, host, $"{id}-E1").Count > 0, "the representable EVSE's PATCH");

        // A new activation has not learnt the location from a PUT of its own yet.
        var partner = Cluster.Client.GetGrain<IPartnerGrain>(partnerId);
        await partner.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.True(async () => (await partner.GetHealth()).Successes == 0, "a new activation of the partner grain");
        await kit.ReportAsync(id, 2, EvseStatus.Available, PartnerTestKit.T0.AddMinutes(2));
        await kit.ReportAsync(id, 1, EvseStatus.Available, PartnerTestKit.T0.AddMinutes(2));
        await Eventually.True(() => PatchesOf(kit, host, $"{id}-E1").Count > 1, "the representable EVSE's second PATCH");
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Empty(PatchesOf(kit, host, $"{id}-E2"));
    }

    private static List<RecordedRequest> Puts(PartnerTestKit kit, string host) => [.. kit.RequestsTo(host).Where(r => r.Method == HttpMethod.Put)];

    private static List<RecordedRequest> PatchesOf(PartnerTestKit kit, string host, string evseUid) =>
        [.. kit.PatchesTo(host).Where(r => r.Url.AbsolutePath.EndsWith("/" + evseUid, StringComparison.Ordinal))];
}
