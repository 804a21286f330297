namespace StatusGrid.LoadDriver.Target;

/// <param name="Storage">sqlite (embedded default, one silo) or postgres (a throwaway durable local server unless <paramref name="PostgresConnectionString"/>).</param>
/// <param name="Silos">Silos to start; more than one needs postgres (ADO.NET clustering).</param>
/// <param name="ServerSettings">Extra <c>--StatusGrid:...=value</c> arguments passed to every silo as given.</param>
internal sealed record LaunchOptions(string Storage = "sqlite", int Silos = 1, IReadOnlyList<string>? ServerSettings = null, string? PostgresConnectionString = null)
{
    public IReadOnlyList<string> Settings => ServerSettings ?? [];
}
