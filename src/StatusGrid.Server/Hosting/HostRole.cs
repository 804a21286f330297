namespace StatusGrid.Server.Hosting;

/// <summary>
/// <c>StatusGrid:Role</c>: what this process is. The same binary serves HTTP, SignalR and OCPP in both roles; only a
/// silo hosts grains.
/// </summary>
public enum HostRole
{
    /// <summary>The default: a silo (grains, fan-out, partner pushes) with the APIs co-hosted.</summary>
    Silo,

    /// <summary>
    /// An Orleans client in front of a silo cluster on PostgreSQL: connection-heavy work (browsers, charge points,
    /// ingest and OCPI requests) scales apart from grain hosting.
    /// </summary>
    FrontEnd,
}

public static class HostRoles
{
    public const string Key = "StatusGrid:Role";

    public static HostRole Read(IConfiguration configuration) => configuration.GetValue(Key, HostRole.Silo);

    public static bool IsFrontEnd(this IConfiguration configuration) => Read(configuration) == HostRole.FrontEnd;
}
