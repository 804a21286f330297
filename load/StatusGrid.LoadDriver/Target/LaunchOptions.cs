namespace StatusGrid.LoadDriver.Target;

/// <param name="Storage">sqlite (embedded default, one silo) or postgres (a throwaway durable local server unless <paramref name="PostgresConnectionString"/>).</param>
/// <param name="Silos">Silos to start; more than one needs postgres (ADO.NET clustering).</param>
/// <param name="ServerSettings">Extra <c>--StatusGrid:...=value</c> arguments passed to every silo as given.</param>
/// <param name="FrontEnds">Front-ends (<c>StatusGrid:Role=FrontEnd</c>, Orleans clients) to start after the silos; when
/// more than zero, all load goes through them instead of the silos. Needs postgres.</param>
/// <param name="MapFrontEnds">Front-ends that serve only the map clients (ingest, admin and OCPI go to the silos, or to
/// <paramref name="FrontEnds"/>): the deployment that keeps browsers' work off the hosts that push to partners.</param>
/// <param name="NiceMapFrontEnds">Run those at the lowest CPU priority (<c>nice -n 19</c>): on one machine, the
/// operating system then gives the silos' partner pushes the cores first.</param>
internal sealed record LaunchOptions(string Storage = "sqlite", int Silos = 1, IReadOnlyList<string>? ServerSettings = null, string? PostgresConnectionString = null,
    int FrontEnds = 0, int MapFrontEnds = 0, bool NiceMapFrontEnds = false)
{
    public IReadOnlyList<string> Settings => ServerSettings ?? [];
}
