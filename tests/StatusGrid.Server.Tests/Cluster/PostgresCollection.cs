using StatusGrid.TestSupport;

namespace StatusGrid.Server.Tests.Cluster;

/// <summary>The cluster tests share one throwaway PostgreSQL server per run; each test takes its own database.</summary>
[CollectionDefinition(PostgresFixture.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
