using System.Collections.Immutable;

namespace StatusGrid.Contracts.Locations;

/// <summary>
/// Tells partners and dashboards about Locations a bulk import stored without their grains (stateless, on any silo,
/// so a front-end that is only an Orleans client can announce its imports too).
/// </summary>
public interface IEstateImportGrain : IGrainWithIntegerKey
{
    /// <summary>Queues a Location PUT to every partner whose filter allows each Location, and refreshes dashboards.</summary>
    Task Announce(ImmutableArray<ImportedLocationRef> locations);
}

/// <summary>A Location a bulk import stored: what the fan-out needs to route its PUT.</summary>
[GenerateSerializer, Immutable]
public sealed record ImportedLocationRef([property: Id(0)] string Id, [property: Id(1)] string Country, [property: Id(2)] bool Publish);
