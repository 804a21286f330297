using StatusGrid.LoadDriver.Api;
using StatusGrid.LoadDriver.Measure;
using StatusGrid.LoadDriver.Target;
using StatusGrid.LoadDriver.Workload;
using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Scenarios;

/// <summary>A target with its estate imported, the fleet registered and the statuses read: ready for measured phases.</summary>
internal sealed record PreparedRun(
    LoadTarget Target,
    ApiKeys Keys,
    StatusGridClient Client,
    EmspFleet Fleet,
    EvseCatalog Catalog,
    List<string> PartnerIds,
    SendRegistry Registry,
    StatusTable Table,
    DateTimeOffset StartedAt,
    TimeSpan Setup,
    double RssAfterSetupMb) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Fleet.DisposeAsync();
    }
}
