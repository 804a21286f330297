namespace StatusGrid.Contracts.Dashboard;

/// <summary>One silo's dashboard observer, with the silo it lives on.</summary>
[GenerateSerializer, Immutable]
public sealed record DashboardSubscriber(
    [property: Id(0)] string SiloId,
    [property: Id(1)] IDashboardObserver Observer);
