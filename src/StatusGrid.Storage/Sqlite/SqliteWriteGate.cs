using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace StatusGrid.Storage.Sqlite;

/// <summary>
/// One writer at a time per SQLite file in this process. SQLite allows one writer per file anyway; without this gate
/// the writers (the status and ledger group commits, Location writes, Orleans' grain storage) find the file locked,
/// and a statement on a connection without a busy timeout (Orleans opens its own) is retried by Microsoft.Data.Sqlite
/// with a 150 ms <c>Thread.Sleep</c>: a blocked thread and a grain turn of seconds under contention. Writers that take
/// the gate first wait asynchronously, hold no thread, and never meet the lock held by another writer of the process.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits for the file's turn; dispose the result to give it back.</summary>
    public static async ValueTask<Turn> EnterAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var gate = Gates.GetOrAdd(Key(connectionString), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(gate);
    }

    /// <summary>The database file's full path (so two spellings of one file share a gate); the connection string otherwise.</summary>
    private static string Key(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(dataSource) || dataSource.Equals(":memory:", StringComparison.Ordinal)
            || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? connectionString
            : Path.GetFullPath(dataSource);
    }

    public readonly struct Turn(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
