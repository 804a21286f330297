using System.Net;
using StatusGrid.Contracts.ChargePoints;

namespace StatusGrid.Server.Tests.Ocpp;

/// <summary>The admin listing reads every directory bucket; a registration writes only its own.</summary>
[Collection(OcppCollection.Name)]
public sealed class ChargePointDirectoryTests(OcppFixture fixture)
{
    [Fact]
    public void Identities_spread_over_the_buckets_and_keep_their_bucket_across_processes()
    {
        var buckets = Enumerable.Range(0, 1000).Select(n => ChargePointDirectory.BucketFor($"FLEET-{n:D5}")).ToList();

        Assert.All(buckets, b => Assert.InRange(b, 1, ChargePointDirectory.Buckets));
        Assert.Equal(ChargePointDirectory.Buckets, buckets.Distinct().Count());
        Assert.All(buckets.GroupBy(b => b), g => Assert.InRange(g.Count(), 5, 40)); // about 1000 / 64 each
        // FNV-1a, not string.GetHashCode (randomized per process): stored buckets stay valid after a restart.
        Assert.Equal(15, ChargePointDirectory.BucketFor("CP-0001"));
    }

    [Fact]
    public async Task Registered_charge_points_are_listed_in_order_and_a_removed_one_is_not()
    {
        string[] identities = ["DIR-C", "DIR-A", "DIR-B"];
        Assert.Equal(3, identities.Select(ChargePointDirectory.BucketFor).Distinct().Count()); // three buckets
        foreach (var identity in identities)
        {
            await fixture.RegisterAsync(identity, $"OCPP-{identity}", evses: $$"""[{"evse_id":1,"location_id":"OCPP-{{identity}}","evse_uid":"OCPP-{{identity}}-E1"}]""", evseCount: 1);
        }

        using var admin = fixture.Host.Client();
        Assert.Equal(["DIR-A", "DIR-B", "DIR-C"], await ListedAsync(admin));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/admin/charge-points/DIR-B")).StatusCode);
        Assert.Equal(["DIR-A", "DIR-C"], await ListedAsync(admin));
    }

    private static async Task<List<string>> ListedAsync(HttpClient admin)
    {
        var page = await (await admin.GetAsync("/api/admin/charge-points?limit=1000")).JsonAsync();
        return [.. page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("identity").GetString()!).Where(i => i.StartsWith("DIR-", StringComparison.Ordinal))];
    }
}
