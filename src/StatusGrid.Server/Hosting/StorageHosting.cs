using Microsoft.Extensions.Options;
using StatusGrid.Storage;
using StatusGrid.Storage.PostgreSql;

namespace StatusGrid.Server.Hosting;

public static class StorageHosting
{
    public static WebApplicationBuilder AddStatusGridStorage(this WebApplicationBuilder builder)
    {
        var options = ReadOptions(builder.Configuration);
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddStatusGridStorage(options);
        return builder;
    }

    /// <summary>
    /// The one reading of <c>StatusGrid:Storage</c> that our stores, Orleans' providers and the health checks share; a
    /// PostgreSQL connection string gets <see cref="PostgresConnectionDefaults"/> here, so all of them prepare alike.
    /// </summary>
    public static StorageOptions ReadOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (options.Provider == DatabaseProvider.PostgreSql && !string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            try
            {
                options.ConnectionString = PostgresConnectionDefaults.Apply(options.ConnectionString);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidOperationException(
                    $"{StorageOptions.SectionName}:ConnectionString is not a PostgreSQL connection string ({ex.Message}). "
                    + "Set it as Host=...;Port=5432;Database=...;Username=...;Password=...", ex);
            }
        }

        return options;
    }

    /// <summary>
    /// Applies the schema (Orleans' tables and ours) before the silo starts: Orleans reads its queries at start. A
    /// front-end never changes the schema (it needs no DDL rights, and a newer front-end must not migrate a database
    /// under older silos): it waits for the silos or <c>migrate</c> to bring it to its version.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("StatusGrid.Schema");
        if (app.Configuration.IsFrontEnd())
        {
            await SchemaWait.UntilCurrentAsync(options, app.Configuration.GetValue(SchemaWait.Key, SchemaWait.Default), logger);
            return;
        }

        // Read first so the log can say what happened: a new database, an upgrade, or nothing to do.
        var before = await SchemaMigrator.CurrentVersionAsync(options, CancellationToken.None);
        var pending = await SchemaMigrator.PendingScriptsAsync(options, CancellationToken.None);
        var applied = await SchemaMigrator.ApplyAsync(options, CancellationToken.None);
        logger.LogInformation("{Migration}", StorageDescription.Migration(options, before, pending, applied));
    }
}
