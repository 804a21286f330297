using System.Text.Json;
using Orleans.Runtime;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests;

/// <summary>Shared steps of the push tests: partners per host name, locations, reports, and reading what a partner got.</summary>
public sealed class PartnerTestKit(GrainTestCluster cluster)
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public Task<string> AddPartnerAsync(string host, params string[] locationIds) => AddPartnerAsync(host, DeliveryMode.Latest, locationIds);

    public async Task<string> AddPartnerAsync(string host, DeliveryMode mode, params string[] locationIds)
    {
        var config = new PartnerConfig
        {
            Id = host.ToUpperInvariant(),
            OcpiVersion = OcpiVersion.V221,
            LocationsUrl = $"http://{host}/ocpi/emsp/2.2.1/locations",
            Token = "token-" + host,
            CountryCode = "DE",
            PartyId = "EMS",
            Filter = new PartnerFilter { LocationIds = [.. locationIds] },
            DeliveryMode = mode,
        };
        await cluster.Client.GetGrain<IPartnerGrain>(config.Id).Configure(config);
        return config.Id;
    }

    /// <summary>Placement is random: a partner (by host name) whose grain lives on <paramref name="silo"/>.</summary>
    public async Task<string> HostLivingOnAsync(SiloAddress silo)
    {
        for (var n = 0; n < 40; n++)
        {
            var candidate = $"crash{n}.test";
            var grain = cluster.Client.GetGrain<IPartnerGrain>(candidate.ToUpperInvariant());
            await grain.GetConfig();
            if (silo.Equals(await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain)))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No partner grain was placed on the silo in 40 tries.");
    }

    public Task<LocationPutOutcome> PutLocationAsync(string id, int evses) =>
        cluster.Client.GetGrain<ILocationGrain>(EvseKey.Location(id)).Put(SampleLocations.Create(id, evses));

    public Task<StatusReportOutcome> ReportAsync(string locationId, int evse, EvseStatus status, DateTimeOffset at) =>
        cluster.Client.GetGrain<IEvseGrain>(EvseKey.Evse(locationId, $"{locationId}-E{evse}")).ReportStatus(new StatusReport(status, at));

    public List<RecordedRequest> RequestsTo(string host) => cluster.Partners.Requests.Where(r => r.Url.Host == host).ToList();

    public List<RecordedRequest> PatchesTo(string host) => RequestsTo(host).Where(r => r.Method == HttpMethod.Patch).ToList();

    /// <summary>Per EVSE uid, the (status, last_updated) the partner was told, in arrival order, from PATCHes and PUTs.</summary>
    public Dictionary<string, List<(string Status, string LastUpdated)>> StatesSeenBy(string host, IEnumerable<RecordedRequest>? requests = null)
    {
        var seen = new Dictionary<string, List<(string, string)>>();
        foreach (var request in requests ?? RequestsTo(host))
        {
            using var body = JsonDocument.Parse(request.Body);
            if (request.Method == HttpMethod.Patch)
            {
                Add(seen, request.Url.Segments[^1], body.RootElement);
            }
            else if (request.Method == HttpMethod.Put)
            {
                foreach (var evse in body.RootElement.GetProperty("evses").EnumerateArray())
                {
                    Add(seen, evse.GetProperty("uid").GetString()!, evse);
                }
            }
        }

        return seen;
    }

    private static void Add(Dictionary<string, List<(string, string)>> seen, string uid, JsonElement state)
    {
        if (!seen.TryGetValue(uid, out var list))
        {
            seen[uid] = list = [];
        }

        list.Add((state.GetProperty("status").GetString()!, state.GetProperty("last_updated").GetString()!));
    }
}
