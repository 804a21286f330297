using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace StatusGrid.Storage.Tests.OrleansContract;

/// <summary>CONTRACT.md section 8, reminders: rows, versions and hash ranges of the ADO.NET reminder table.</summary>
public abstract partial class OrleansContractTestsBase
{
    [Fact]
    public async Task Reminder_table_rows_versions_and_ranges()
    {
        var harness = await HarnessAsync();
        var table = CreateIsolatedReminderTable(harness);
        await table.StartAsync(CancellationToken.None);

        var grain = GrainId.Create("contract", "reminders-" + Guid.NewGuid().ToString("N"));
        var start = WholeMilliseconds(DateTime.UtcNow.AddDays(1));
        var entry = new ReminderEntry { GrainId = grain, ReminderName = "r1", StartAt = start, Period = TimeSpan.FromDays(30) };
        var etag1 = await table.UpsertRow(entry);
        Assert.False(string.IsNullOrEmpty(etag1));
        var etag2 = await table.UpsertRow(entry);
        Assert.NotEqual(etag1, etag2);
        await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "r2", StartAt = start, Period = TimeSpan.FromMinutes(1) });

        var read = await table.ReadRow(grain, "r1");
        Assert.NotNull(read);
        Assert.Equal(grain, read.GrainId);
        Assert.Equal(TimeSpan.FromDays(30), read.Period);
        Assert.Equal(start, read.StartAt);
        Assert.Equal(etag2, read.ETag);
        Assert.Null(await table.ReadRow(grain, "missing"));
        Assert.Equal(["r1", "r2"], (await table.ReadRows(grain)).Reminders.Select(r => r.ReminderName).Order());

        var h = grain.GetUniformHashCode();
        Assert.Contains((await table.ReadRows(h - 1, h)).Reminders, r => r.GrainId == grain);
        Assert.DoesNotContain((await table.ReadRows(h, h + 1)).Reminders, r => r.GrainId == grain);
        Assert.Equal(2, (await table.ReadRows(h, h)).Reminders.Count(r => r.GrainId == grain));

        Assert.False(await table.RemoveRow(grain, "r1", etag1!));
        Assert.True(await table.RemoveRow(grain, "r1", etag2!));
        Assert.Null(await table.ReadRow(grain, "r1"));
    }

    [Fact]
    public async Task Reminder_ranges_crossing_the_signed_boundary_and_zero()
    {
        var harness = await HarnessAsync();
        var table = CreateIsolatedReminderTable(harness);
        await table.StartAsync(CancellationToken.None);
        var grains = Enumerable.Range(0, 40).Select(i => GrainId.Create("contract", $"ring-{i}-{Guid.NewGuid():N}")).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "tick", StartAt = WholeMilliseconds(DateTime.UtcNow), Period = TimeSpan.FromMinutes(5) });
        }

        // (0x40000000, 0xC0000000] crosses int.MaxValue -> int.MinValue; (0xC0000000, 0x40000000] wraps through 0.
        foreach (var (begin, end) in new[] { (0x4000_0000u, 0xC000_0000u), (0xC000_0000u, 0x4000_0000u), (0x7FFF_FFFFu, 0x8000_0000u) })
        {
            var expected = grains.Where(g => InRing(g.GetUniformHashCode(), begin, end)).OrderBy(g => g.ToString()).ToList();
            var actual = (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId).OrderBy(g => g.ToString()).ToList();
            Assert.Equal(expected, actual);
        }

        Assert.Contains(grains, g => InRing(g.GetUniformHashCode(), 0x4000_0000u, 0xC000_0000u));
        await table.TestOnlyClearTable();
        Assert.Empty((await table.ReadRows(0u, 0u)).Reminders);
    }

    private static bool InRing(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static IReminderTable CreateIsolatedReminderTable(OrleansHarness harness)
    {
        // AdoNetReminderTable is internal; build one bound to a service id of its own.
        var type = typeof(AdoNetReminderTableOptions).Assembly.GetType("Orleans.Runtime.ReminderService.AdoNetReminderTable", throwOnError: true)!;
        return (IReminderTable)ActivatorUtilities.CreateInstance(
            harness.SiloServices,
            type,
            Options.Create(new ClusterOptions { ClusterId = harness.ClusterId, ServiceId = $"isolated-{Guid.NewGuid():N}" }),
            Options.Create(new AdoNetReminderTableOptions { Invariant = harness.Options.AdoNetInvariant, ConnectionString = harness.Options.ConnectionString }));
    }
}
