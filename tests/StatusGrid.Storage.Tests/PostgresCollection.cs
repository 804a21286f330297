using StatusGrid.TestSupport;

namespace StatusGrid.Storage.Tests;

/// <summary>Every PostgreSQL test class shares one throwaway server per test run (each uses its own database).</summary>
[CollectionDefinition(PostgresFixture.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
