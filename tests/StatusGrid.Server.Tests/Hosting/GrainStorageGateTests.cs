using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using StatusGrid.Contracts.Partners;
using StatusGrid.Storage;
using StatusGrid.Storage.Sqlite;

namespace StatusGrid.Server.Tests.Hosting;

/// <summary>
/// On the embedded default, Orleans' grain storage shares the SQLite file with StatusGrid's own writers: its writes
/// wait for the file's turn (SqliteWriteGate) instead of meeting the lock, where Microsoft.Data.Sqlite would sleep the
/// grain's thread 150 ms per attempt.
/// </summary>
public sealed class GrainStorageGateTests
{
    [Fact]
    public async Task A_grain_state_write_waits_for_the_files_turn_without_failing_and_then_lands()
    {
        await using var host = await StatusGridHost.StartAsync();
        var storage = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var directory = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IPartnerDirectoryGrain>(0);
        await directory.GetPartnerIds(); // activated (and read) before the turn is held

        Task upsert;
        using (await SqliteWriteGate.EnterAsync(storage.ConnectionString))
        {
            upsert = directory.Upsert(new PartnerSubscription("GATE-1", new PartnerFilter(), ReceivesPushes: false));
            await Task.Delay(300); // time enough to write, were it not waiting
            Assert.False(upsert.IsCompleted);
        }

        await upsert.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("GATE-1", await directory.GetPartnerIds());
    }
}
