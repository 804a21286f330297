using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage.Sqlite;

namespace StatusGrid.Storage.Tests.Stores;

/// <summary>
/// One writer per SQLite file in the process: StatusGrid's writers (and Orleans' grain storage, through
/// GatedGrainStorage in the host) wait for the file's turn instead of finding it locked, which on a connection without
/// a busy timeout Microsoft.Data.Sqlite answers with a 150 ms Thread.Sleep per attempt.
/// </summary>
public sealed class SqliteWriteGateTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private readonly TempSqliteDatabase _database = new();

    public SqliteWriteGateTests() => SchemaMigrator.ApplyAsync(_database.Options).GetAwaiter().GetResult();

    [Fact]
    public async Task Status_and_ledger_writes_wait_for_the_files_turn_and_then_commit()
    {
        await using var status = new SqliteStatusStore(_database.Options);
        await using var ledger = new SqliteDeliveryLedger(_database.Options);
        Task written, recorded;
        using (await SqliteWriteGate.EnterAsync(_database.ConnectionString))
        {
            written = status.WriteAsync(new EvseStatusRecord("L", "E1", EvseStatus.Charging, T0, 1));
            recorded = ledger.RecordDeliveredAsync("partner", [new DeliveredVersion("L", "E1", 1)]);
            await Task.Delay(200); // time enough to commit, were they not waiting
            Assert.False(written.IsCompleted);
            Assert.False(recorded.IsCompleted);
        }

        await Task.WhenAll(written, recorded).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(EvseStatus.Charging, (await status.ReadAsync("L", "E1"))!.Status);
    }

    [Fact]
    public async Task Two_spellings_of_one_file_share_a_turn()
    {
        var other = $"Data Source={_database.Path.Replace("/nested/", "/nested/./", StringComparison.Ordinal)}";
        Task<SqliteWriteGate.Turn> second;
        using (await SqliteWriteGate.EnterAsync(_database.ConnectionString))
        {
            second = SqliteWriteGate.EnterAsync(other).AsTask();
            await Task.Delay(50);
            Assert.False(second.IsCompleted);
        }

        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    public void Dispose() => _database.Dispose();
}
