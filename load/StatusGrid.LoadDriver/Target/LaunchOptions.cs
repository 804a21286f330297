namespace StatusGrid.LoadDriver.Target;

/// <param name="Storage">sqlite (embedded default, one silo) or postgres (a throwaway durable local server unless <paramref name="PostgresConnectionString"/>).</param>
/// <param name="Silos">Silos to start; more than one needs postgres (ADO.NET clustering).</param>
/// <param name="ServerSettings">Extra <c>--StatusGrid:...=value</c> arguments passed to every silo as given.</param>
/// <param name="FrontEnds">Front-ends (<c>StatusGrid:Role=FrontEnd</c>, Orleans clients) to start after the silos; when
/// more than zero, all load goes through them instead of the silos. Needs postgres.</param>
internal sealed record LaunchOptions(string Storage = "sqlite", int Silos = 1, IReadOnlyList<string>? ServerSettings = null, string? PostgresConnectionString = null,
    int FrontEnds = 0)
{
    public IReadOnlyList<string> Settings => ServerSettings ?? [];
}
