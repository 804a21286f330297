using System.Collections.Immutable;
using Orleans.Concurrency;
using StatusGrid.Contracts.Locations;
using StatusGrid.Grains.Fanout;

namespace StatusGrid.Grains.Locations;

/// <summary>Hands imported Locations to this silo's fan-out, the same path a Location grain's Put takes.</summary>
[StatelessWorker]
public sealed class EstateImportGrain(IStatusFanout fanout) : Grain, IEstateImportGrain
{
    public Task Announce(ImmutableArray<ImportedLocationRef> locations)
    {
        foreach (var location in locations)
        {
            fanout.PublishLocationPut(location.Id, location.Country, location.Publish);
        }

        return Task.CompletedTask;
    }
}
