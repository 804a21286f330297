using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StatusGrid.Storage.Estate;
using StatusGrid.Storage.PostgreSql;
using StatusGrid.Storage.Sqlite;

namespace StatusGrid.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Key of the <see cref="NpgsqlDataSource"/> the PostgreSQL stores share (keyed, so it cannot clash with an app's own).</summary>
    public const string DataSourceKey = "StatusGrid.Storage";

    /// <summary>
    /// Registers <see cref="IStatusStore"/>, <see cref="ILocationStore"/>, <see cref="IDeliveryLedger"/>, <see cref="IEstateStore"/>, <see cref="IConnectorStore"/> and <see cref="IPartnerQueueStore"/> for the
    /// configured provider as singletons (also resolvable by their concrete types). The group-committing stores own
    /// writer loops; disposing the container (DisposeAsync) commits what is queued and stops them. The schema is
    /// not applied here: call <see cref="SchemaMigrator.ApplyAsync"/> before the host (and its silo) starts.
    /// </summary>
    public static IServiceCollection AddStatusGridStorage(this IServiceCollection services, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddSingleton(sp => new SqliteStatusStore(options));
                services.AddSingleton(sp => new SqliteLocationStore(options));
                services.AddSingleton(sp => new SqliteDeliveryLedger(options));
                services.AddSingleton<IStatusStore>(sp => sp.GetRequiredService<SqliteStatusStore>());
                services.AddSingleton<ILocationStore>(sp => sp.GetRequiredService<SqliteLocationStore>());
                services.AddSingleton<IDeliveryLedger>(sp => sp.GetRequiredService<SqliteDeliveryLedger>());
                services.AddSingleton<IEstateStore>(sp => new SqliteEstateStore(options));
                services.AddSingleton(sp => new SqliteConnectorStore(options));
                services.AddSingleton<IConnectorStore>(sp => sp.GetRequiredService<SqliteConnectorStore>());
                services.AddSingleton<IPartnerQueueStore>(sp => new SqlitePartnerQueueStore(options));
                break;
            case DatabaseProvider.PostgreSql:
                services.AddKeyedSingleton(DataSourceKey, (_, _) => NpgsqlDataSource.Create(options.ConnectionString));
                services.AddSingleton(sp => new PostgresStatusStore(sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey), options));
                services.AddSingleton(sp => new PostgresLocationStore(sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey)));
                services.AddSingleton(sp => new PostgresDeliveryLedger(sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey), options));
                services.AddSingleton<IStatusStore>(sp => sp.GetRequiredService<PostgresStatusStore>());
                services.AddSingleton<ILocationStore>(sp => sp.GetRequiredService<PostgresLocationStore>());
                services.AddSingleton<IDeliveryLedger>(sp => sp.GetRequiredService<PostgresDeliveryLedger>());
                services.AddSingleton<IEstateStore>(sp => new PostgresEstateStore(sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey)));
                services.AddSingleton(sp => new PostgresConnectorStore(sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey), options));
                services.AddSingleton<IConnectorStore>(sp => sp.GetRequiredService<PostgresConnectorStore>());
                services.AddSingleton<IPartnerQueueStore>(sp => new PostgresPartnerQueueStore(sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider.");
        }

        return services;
    }
}
