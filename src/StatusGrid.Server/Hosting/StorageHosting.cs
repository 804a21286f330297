using Microsoft.Extensions.Options;
using StatusGrid.Storage;

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

    public static StorageOptions ReadOptions(IConfiguration configuration) =>
        configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();

    /// <summary>Applies the schema (Orleans' tables and ours) before the silo starts: Orleans reads its queries at start.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("StatusGrid.Schema");
        // Read first so the log can say what happened: a new database, an upgrade, or nothing to do.
        var before = await SchemaMigrator.CurrentVersionAsync(options, CancellationToken.None);
        var applied = await SchemaMigrator.ApplyAsync(options, CancellationToken.None);
        logger.LogInformation("{Migration}", StorageDescription.Migration(options, before, applied));
    }
}
