namespace StatusGrid.Contracts.Dashboard;

/// <summary>
/// One host's dashboard observer: a silo's (<see cref="FrontEnd"/> false, <see cref="SiloId"/> its silo address) or a
/// front-end's (an Orleans client serving browsers; <see cref="SiloId"/> is then its front-end id).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DashboardSubscriber(
    [property: Id(0)] string SiloId,
    [property: Id(1)] IDashboardObserver Observer,
    [property: Id(2)] bool FrontEnd = false);
