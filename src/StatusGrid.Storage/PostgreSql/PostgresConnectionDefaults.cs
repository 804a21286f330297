using Npgsql;

namespace StatusGrid.Storage.PostgreSql;

/// <summary>
/// What a PostgreSQL connection string gets unless the operator set it. Every statement StatusGrid and Orleans' ADO.NET
/// providers run is one of a few dozen texts repeated with new parameters; unprepared, PostgreSQL parses and plans each
/// execution again. Measured on a 3-silo cluster activating EVSE grains (each reads its Orleans state, its imported
/// definition and its status): planning took more server time than executing (2.3 s against 0.5 s for the definition
/// lookup alone), so Npgsql's automatic preparation is on by default. With statements prepared, Npgsql resets a
/// pooled connection with three statements instead of one on every open (measured: 13,882 of each in 20 s); StatusGrid
/// keeps no session state (its one advisory lock is transaction-scoped), so that reset is off by default.
/// </summary>
public static class PostgresConnectionDefaults
{
    /// <summary>
    /// Statements kept prepared per connection (Npgsql's least-recently-used cache; StatusGrid and Orleans use about
    /// 40 texts). Npgsql keeps them across pooled opens and closes.
    /// </summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>
    /// <paramref name="connectionString"/> with <c>Max Auto Prepare</c> set to <see cref="MaxAutoPrepare"/> and
    /// <c>No Reset On Close</c> to true where it does not say; an explicit value is kept (<c>Max Auto Prepare=0</c>
    /// turns preparation off, e.g. behind a connection pooler in transaction mode that cannot keep prepared statements).
    /// </summary>
    public static string Apply(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(builder, nameof(NpgsqlConnectionStringBuilder.MaxAutoPrepare)))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }

        if (!Mentions(builder, nameof(NpgsqlConnectionStringBuilder.NoResetOnClose)))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    // The builder normalises every alias ("Max Auto Prepare", "maxautoprepare") to its canonical key on parse.
    private static bool Mentions(NpgsqlConnectionStringBuilder builder, string property) =>
        builder.Keys.Cast<string>().Any(key => string.Equals(key.Replace(" ", "", StringComparison.Ordinal), property, StringComparison.OrdinalIgnoreCase));
}
