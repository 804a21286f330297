using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Benchmarks;

/// <summary>
/// The partner grain's per-change cost, through a real silo: (1) coalescing a batch into 1,000 pending EVSEs while
/// the partner is paused (each change replaces a pending one: the flapping-status case); (2) the whole pipeline
/// with a partner that answers at once: queue, PATCH via OcpiPushClient, delivery ledger, health bookkeeping.
/// Reported per change (OperationsPerInvoke). Each operation also builds its batch of 1,000 records.
/// </summary>
[MemoryDiagnoser]
public class PartnerPipelineBenchmarks
{
    private const int Changes = 1000;
    private BenchSilo _silo = null!;
    private IPartnerGrain _paused = null!;
    private IPartnerGrain _instant = null!;
    private long _version;

    [GlobalSetup]
    public void Setup()
    {
        _silo = BenchSilo.StartAsync().GetAwaiter().GetResult();
        _paused = Configure("BENCH-PAUSED", enabled: false);
        _instant = Configure("BENCH-INSTANT", enabled: true);
    }

    [GlobalCleanup]
    public void Cleanup() => _silo.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Changes, Description = "coalesce: newer state replaces a pending one")]
    public Task Coalesce() => _paused.EnqueueStatusChanges(Batch());

    [Benchmark(OperationsPerInvoke = Changes, Description = "deliver: enqueue → PATCH → ledger (instant partner)")]
    public async Task Deliver()
    {
        var done = _silo.Partner.WaitForAsync(_silo.Partner.Requests + Changes);
        await _instant.EnqueueStatusChanges(Batch());
        await done;
    }

    private IPartnerGrain Configure(string id, bool enabled)
    {
        var grain = _silo.Grains.GetGrain<IPartnerGrain>(id);
        grain.Configure(new PartnerConfig
        {
            Id = id,
            OcpiVersion = OcpiVersion.V221,
            LocationsUrl = "http://partner.invalid/ocpi/emsp/2.2.1/locations",
            Token = "bench",
            CountryCode = "DE",
            PartyId = "EMS",
            Enabled = enabled,
        }).GetAwaiter().GetResult();
        return grain;
    }

    private ImmutableArray<EvseStatusChange> Batch()
    {
        var version = Interlocked.Increment(ref _version);
        var status = version % 2 == 0 ? EvseStatus.Available : EvseStatus.Charging;
        var at = DateTimeOffset.UtcNow;
        var builder = ImmutableArray.CreateBuilder<EvseStatusChange>(Changes);
        for (var i = 0; i < Changes; i++)
        {
            var location = $"LD-{i / 10:D6}";
            builder.Add(new EvseStatusChange(location, $"{location}-E{(i % 10) + 1}", "NL", "SGR", true, status, at, version));
        }

        return builder.MoveToImmutable();
    }
}
