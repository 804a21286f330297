using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using StatusGrid.Storage;

namespace StatusGrid.Server.Hosting;

/// <summary>
/// <c>/healthz/live</c>: the process answers (no checks: a slow database must not get a live silo restarted).
/// <c>/healthz/ready</c>: the database answers and this silo is Active in the cluster, so it can take traffic.
/// <c>/healthz</c> stays as an alias of ready, which is what its users (rolling restarts, the load driver) wait for.
/// </summary>
public static class HealthHosting
{
    private const string Ready = "ready";

    public static WebApplicationBuilder AddStatusGridHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<SiloHealthCheck>("silo", tags: [Ready]);
        return builder;
    }

    public static WebApplication MapStatusGridHealth(this WebApplication app)
    {
        var ready = new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync };
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/healthz/ready", ready);
        app.MapHealthChecks("/healthz", ready);
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
}

/// <summary>
/// Reads the schema version: proves the database is reachable and is StatusGrid's. SQLite is opened without
/// create, so a missing or moved file is unhealthy instead of silently replaced by an empty one.
/// </summary>
internal sealed class DatabaseHealthCheck(IOptions<StorageOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var storage = options.Value;
        try
        {
            await using DbConnection connection = storage.Provider == DatabaseProvider.PostgreSql
                ? new NpgsqlConnection(storage.ConnectionString)
                : new SqliteConnection(new SqliteConnectionStringBuilder(storage.ConnectionString) { Mode = SqliteOpenMode.ReadWrite }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT max(version) FROM {SchemaMigrator.VersionTable};";
            var version = await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{storage.Provider}, schema version {version}");
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{storage.Provider} not reachable: {ex.Message}");
        }
    }
}

/// <summary>This silo as the cluster's membership sees it: ready only while Active (not joining, not shutting down).</summary>
internal sealed class SiloHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {silo.Name} is Active")
            : HealthCheckResult.Unhealthy($"silo {silo.Name} is {status}"));
    }
}
