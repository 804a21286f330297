using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StatusGrid.Contracts.Evses;
using StatusGrid.Grains.Fanout;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests.Delivery;

/// <summary>
/// What the fan-out logs when a partner grain cannot take a hand-off. In a rolling restart of 3 silos every stop made
/// the surviving silos log "fail: Could not hand changes to partner …" with a SiloUnavailableException's stack, for an
/// event that loses nothing (the delivery ledger holds the changes and reconcile queues them): an operator watching
/// for errors saw one per partner on every routine deploy.
/// </summary>
public sealed class LatestLaneLoggingTests
{
    [Fact]
    public async Task A_partner_grain_whose_silo_is_going_away_is_a_warning_without_a_stack_not_an_error()
    {
        var logger = new ListLogger();
        var lane = new LatestLane("P1", new HandOffPartner(blocked: false, new SiloUnavailableException("The target silo became unavailable")), 1000, 100, logger);

        lane.Offer([Change()], []);

        var entry = await logger.FirstAsync();
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Null(entry.Exception);
        Assert.Contains("P1", entry.Message, StringComparison.Ordinal);
        Assert.Contains("The target silo became unavailable", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fault_that_is_not_the_clusters_is_still_an_error_with_its_exception()
    {
        var logger = new ListLogger();
        var fault = new InvalidOperationException("a bug");
        var lane = new LatestLane("P1", new HandOffPartner(blocked: false, fault), 1000, 100, logger);

        lane.Offer([Change()], []);

        var entry = await logger.FirstAsync();
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Same(fault, entry.Exception);
    }

    private static EvseStatusChange Change() =>
        new("L1", "E1", "NL", "SGR", Publish: true, EvseStatus.Charging, new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero), 1);

    private sealed record Entry(LogLevel Level, string Message, Exception? Exception);

    private sealed class ListLogger : ILogger
    {
        private readonly ConcurrentQueue<Entry> _entries = new();

        public async Task<Entry> FirstAsync()
        {
            await Eventually.True(() => !_entries.IsEmpty, "the lane to log the failed hand-off");
            _entries.TryPeek(out var entry);
            return entry!;
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Enqueue(new Entry(logLevel, formatter(state, exception), exception));
    }
}
