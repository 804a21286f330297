using System.Collections.Immutable;
using StatusGrid.Contracts.Evses;
using StatusGrid.Grains.Partners;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests.Delivery;

/// <summary>
/// The ordered queue is stored row by row, each save writing only what changed (<see cref="OrderedQueue.TakeChanges"/>).
/// Whatever happened in between, the rows must read back into the queue as it is: every lane in its order, every
/// message as it is now, the counters and what was sent.
/// </summary>
public sealed class OrderedQueueRowsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Rows_saved_change_by_change_read_back_into_the_same_queue(int seed)
    {
        var random = new Random(seed);
        var queue = new OrderedQueue();
        var rows = new MemoryQueueRows();
        var versions = new Dictionary<(string Location, string Evse), long>();
        var inFlight = new List<OrderedMessage>();
        var recoveredAhead = 0;
        for (var step = 0; step < 3_000; step++)
        {
            var location = $"L{random.Next(6)}";
            var evse = $"E{random.Next(3)}";
            var version = versions.GetValueOrDefault((location, evse));
            switch (random.Next(10))
            {
                case < 4:
                    versions[(location, evse)] = ++version;
                    queue.OfferPatch(Change(location, evse, version, random), T0, limit: 15);
                    break;
                case 4:
                    // Reconcile read a newer state than the fan-out has handed over yet: the older one goes before it.
                    versions[(location, evse)] = version + 2;
                    queue.OfferPatch(Change(location, evse, version + 2, random), T0, limit: 15, recovered: true);
                    queue.OfferPatch(Change(location, evse, version + 1, random), T0, limit: 15);
                    recoveredAhead++;
                    break;
                case 5:
                    queue.OfferPut(location, Current(location, versions, random), T0);
                    break;
                case 6 or 7:
                    if (queue.TryTake(out var taken))
                    {
                        inFlight.Add(taken);
                        if (taken.Change is { } change)
                        {
                            queue.Sending(change);
                        }
                    }

                    break;
                default:
                    if (inFlight.Count > 0)
                    {
                        var done = inFlight[random.Next(inFlight.Count)];
                        inFlight.Remove(done);
                        var outcome = random.Next(4);
                        if (outcome < 2)
                        {
                            queue.Remove(done); // delivered or refused
                        }
                        else if (outcome == 2 && !done.IsPut)
                        {
                            queue.PutFirst(done, Current(done.LocationId, versions, random)); // "unknown object"
                        }

                        queue.Release(done); // failed otherwise: stays the head
                    }

                    break;
            }

            rows.Save(queue.TakeChanges());
            if (step % 25 == 0)
            {
                var restored = new OrderedQueue();
                restored.Restore(OrderedQueueRows.ToState(rows.Rows)!);
                Assert.Equal(Describe(queue), Describe(restored));
                Assert.Equal(queue.Count, restored.Count);
                Assert.Equal(queue.Overflowed, restored.Overflowed);
                Assert.Equal(queue.NextSeq, restored.NextSeq);
                Assert.Equal(Sent(queue), Sent(restored));
            }
        }

        Assert.True(recoveredAhead > 100 && queue.Overflowed > 0 && queue.Superseded > 0, "every path was taken");
    }

    [Fact]
    public void A_queue_moved_from_the_grain_state_document_is_written_whole_with_each_lane_in_ascending_seq()
    {
        // The document kept lanes in list order; an insertion before a recovered state could leave seq 5 behind 7.
        var legacy = new OrderedQueueState
        {
            Messages =
            [
                new OrderedMessage(4, "L1", Change("L1", "E1", 1, EvseStatus.Charging), [], T0),
                new OrderedMessage(7, "L1", Change("L1", "E1", 3, EvseStatus.Blocked), [], T0) { Recovered = true },
                new OrderedMessage(5, "L1", Change("L1", "E2", 1, EvseStatus.Available), [], T0),
                new OrderedMessage(6, "L2", Change("L2", "E1", 1, EvseStatus.Reserved), [], T0),
            ],
            NextSeq = 8,
            Overflowed = 2,
            SentStates = new() { [EvseKey.Evse("L1", "E1")] = [T0.ToUnixTimeMilliseconds(), 1, (long)EvseStatus.Charging] },
        };
        var queue = new OrderedQueue();
        queue.Restore(legacy);

        queue.MarkAllChanged();
        var rows = new MemoryQueueRows();
        rows.Save(queue.TakeChanges());

        var restored = new OrderedQueue();
        restored.Restore(OrderedQueueRows.ToState(rows.Rows)!);
        Assert.Equal(["L1 E1 v1", "L1 E1 v3", "L1 E2 v1", "L2 E1 v1"], restored.Messages().Select(m => $"{m.LocationId} {m.Change!.EvseUid} v{m.Change.Version}"));
        Assert.Equal(4, rows.Rows.Messages.Count);
        Assert.Equal(2, restored.Overflowed);
        Assert.True(restored.SentNewer(EvseKey.Evse("L1", "E1"), 0));
    }

    private static ImmutableArray<CapturedEvse> Current(string location, Dictionary<(string Location, string Evse), long> versions, Random random) =>
    [
        .. Enumerable.Range(0, 3).Select(i => new CapturedEvse($"E{i}", (EvseStatus)random.Next(1, 8),
            T0.AddSeconds(random.Next(1_000)), versions.GetValueOrDefault((location, $"E{i}")))),
    ];

    private static EvseStatusChange Change(string location, string evse, long version, Random random) =>
        Change(location, evse, version, (EvseStatus)random.Next(1, 8));

    private static EvseStatusChange Change(string location, string evse, long version, EvseStatus status) =>
        new(location, evse, "NL", "SGR", true, status, T0.AddSeconds(version), version, IsNew: false);

    private static List<string> Describe(OrderedQueue queue) => [.. queue.Messages().Select(m =>
        $"{m.Seq} {m.LocationId} {m.Change?.EvseUid}/{m.Change?.Version}/{m.Change?.Status}/{m.Change?.LastUpdated:O} " +
        $"[{string.Join(",", m.Evses.Select(e => $"{e.EvseUid}/{e.Version}/{e.Status}/{e.LastUpdated:O}"))}] {m.Since:O} {m.Recovered}")];

    private static List<string> Sent(OrderedQueue queue) =>
        [.. queue.SentStates.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value.Version} {p.Value.Status} {p.Value.LastUpdated:O}")];
}
