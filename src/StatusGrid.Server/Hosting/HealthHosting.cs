using System.Data.Common;
using Microsoft.AspNetCore.Http.HttpResults;
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
            .AddCheck<ClusterHealthCheck>(builder.Configuration.IsFrontEnd() ? "cluster" : "silo", tags: [Ready]);
        return builder;
    }

    public static WebApplication MapStatusGridHealth(this WebApplication app)
    {
        // Minimal API handlers rather than MapHealthChecks, so the OpenAPI document describes them like every route.
        var group = app.MapGroup("/healthz").WithTags("Health");
        group.MapGet("/live", () => TypedResults.Ok(new HealthView("Healthy", [])))
            .WithSummary("Liveness: the process answers. No checks, so a slow database never gets a running silo restarted.");
        group.MapGet("/ready", ReadyAsync).WithSummary("Readiness: the database answers and this silo is Active in the cluster; 503 otherwise.");
        group.MapGet("", ReadyAsync).WithSummary("Alias of /healthz/ready, kept for existing users (rolling restarts, the load driver).");
        return app;
    }

    private static async Task<Results<Ok<HealthView>, JsonHttpResult<HealthView>>> ReadyAsync(HealthCheckService health, ILoggerFactory loggers, CancellationToken ct)
    {
        var report = await health.CheckHealthAsync(c => c.Tags.Contains(Ready), ct);
        var view = new HealthView(report.Status.ToString(),
            [.. report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new HealthCheckView(e.Key, e.Value.Status.ToString(), PublicDescription(loggers, e.Key, e.Value)))]);
        return report.Status == HealthStatus.Healthy
            ? TypedResults.Ok(view)
            : TypedResults.Json(view, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>
    /// The answer goes to anyone who asks, so an exception's text (a database's host, port and user, cluster internals)
    /// stays in the log. A check that threw carries the exception's message as its description: it is replaced by a
    /// generic reason. StatusGrid's own checks log their exceptions themselves and describe failures generically.
    /// </summary>
    private static string? PublicDescription(ILoggerFactory loggers, string name, HealthReportEntry entry)
    {
        if (entry.Exception is null)
        {
            return entry.Description;
        }

        HealthLog.CheckFailed(loggers.CreateLogger(HealthLog.Category), name, entry.Status, entry.Exception);
        return "the check failed; the server log has the details";
    }
}

internal static partial class HealthLog
{
    public const string Category = "StatusGrid.Health";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness check {Check} is {Status}")]
    public static partial void CheckFailed(ILogger logger, string check, HealthStatus status, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness: the {Provider} database is not reachable")]
    public static partial void DatabaseUnreachable(ILogger logger, DatabaseProvider provider, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness: front-end {FrontEnd} gets no answer from the cluster")]
    public static partial void ClusterUnreachable(ILogger logger, string frontEnd, Exception exception);
}

public sealed record HealthView(string Status, HealthCheckView[] Checks);

public sealed record HealthCheckView(string Name, string Status, string? Description);

/// <summary>
/// Reads the schema version: proves the database is reachable and is StatusGrid's. SQLite is opened without
/// create and without the pool (a pooled connection keeps a moved or deleted file open), so a missing or moved file
/// is unhealthy instead of silently replaced by an empty one.
/// </summary>
internal sealed class DatabaseHealthCheck(IOptions<StorageOptions> options, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var storage = options.Value;
        try
        {
            await using DbConnection connection = storage.Provider == DatabaseProvider.PostgreSql
                ? new NpgsqlConnection(storage.ConnectionString)
                : new SqliteConnection(new SqliteConnectionStringBuilder(storage.ConnectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT max(version) FROM {SchemaMigrator.VersionTable};";
            var version = await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{storage.Provider}, schema version {version}");
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            // The message names the host, port, user or file: the log has it, the public readiness answer does not.
            HealthLog.DatabaseUnreachable(logger, storage.Provider, ex);
            return HealthCheckResult.Unhealthy($"{storage.Provider} not reachable; the server log has the details");
        }
    }
}

/// <summary>
/// A silo: ready only while Active in the cluster's membership (not joining, not shutting down). A front-end: ready
/// while the cluster answers through a gateway and has an active silo.
/// </summary>
internal sealed class ClusterHealthCheck(IClusterView cluster) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (ready, description) = await cluster.ReadinessAsync();
        return ready ? HealthCheckResult.Healthy(description) : HealthCheckResult.Unhealthy(description);
    }
}
