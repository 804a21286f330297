using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StatusGrid.TestSupport;
using StatusGrid.Server.Hosting;

namespace StatusGrid.Server.Tests.Hosting;

/// <summary>What a healthy start logs: no false alarm from the Orleans watchdog, and what the migration did.</summary>
public sealed class StartupLogTests
{
    [Fact]
    public async Task A_healthy_start_on_a_new_database_says_it_created_the_schema_and_raises_no_watchdog_alarm()
    {
        var directory = Path.Combine(Path.GetTempPath(), "statusgrid-test-" + Guid.NewGuid().ToString("N"));
        var logs = new ConcurrentQueue<CapturedLog>();
        var app = await StatusGridApp.CreateAsync(
            [
                "--urls=http://127.0.0.1:0",
                // A first start as `dotnet run` makes it: Development, the shipped default keys.
                "--environment=Development",
                $"--StatusGrid:Storage:ConnectionString=Data Source={Path.Combine(directory, "statusgrid.db")}",
                $"--StatusGrid:Cluster:SiloPort={FreePort.Next()}",
                $"--StatusGrid:Cluster:GatewayPort={FreePort.Next()}",
            ],
            builder => builder.Logging.AddProvider(new CapturingLoggerProvider(logs)));
        try
        {
            await app.StartAsync();
            // The platform watchdog checks once a second from silo start; the false alarm came with its first check.
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }

        Assert.DoesNotContain(logs, l => l.Message.Contains("Participant check thread has not completed", StringComparison.Ordinal));
        var migration = Assert.Single(logs, l => l.Category == "StatusGrid.Schema");
        Assert.StartsWith("Created the database schema", migration.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(directory, "statusgrid.db"), migration.Message, StringComparison.Ordinal);
        Assert.Contains(logs, l => l.Message.StartsWith("Data: SQLite file " + Path.Combine(directory, "statusgrid.db"), StringComparison.Ordinal));
    }

    [Fact]
    public void The_membership_clock_reads_an_unset_watchdog_timestamp_as_time_since_silo_start_not_machine_uptime()
    {
        // Orleans' Watchdog.Start may let its platform thread read the component timestamp before setting it (0).
        // Elapsed time since 0 on the system clock is the machine's uptime: the "has not completed for 01:07:15" alarm.
        var clock = new MembershipClock();

        Assert.True(clock.GetElapsedTime(0) < TimeSpan.FromSeconds(5), $"{clock.GetElapsedTime(0)}");
        Assert.True(TimeProvider.System.GetElapsedTime(0) > TimeSpan.FromSeconds(20), "the system clock counts from boot");
        var start = clock.GetTimestamp();
        Thread.Sleep(50);
        Assert.InRange(clock.GetElapsedTime(start), TimeSpan.FromMilliseconds(40), TimeSpan.FromSeconds(10));
    }
}
