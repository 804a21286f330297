using System.Net;
using StatusGrid.Contracts.Partners;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests;

/// <summary>Failures of one partner: retries, Retry-After, circuit breaker, non-retryable errors, isolation, outage recovery.</summary>
public sealed class ReliabilityTests : IAsyncLifetime
{
    private GrainTestCluster _cluster = null!;
    private PartnerTestKit _kit = null!;

    public async Task InitializeAsync()
    {
        _cluster = await GrainTestCluster.StartAsync(silos: 2);
        _kit = new PartnerTestKit(_cluster);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static DateTimeOffset T(int seconds) => PartnerTestKit.T0.AddSeconds(seconds);

    [Fact]
    public async Task Retry_after_is_honoured()
    {
        var answered = 0;
        _cluster.Partners.Respond = r => Task.FromResult(r.Method == HttpMethod.Patch && Interlocked.Increment(ref answered) == 1
            ? PartnerFaults.TooManyRequests(retryAfterSeconds: 2)
            : StubPartnerHandler.Ok());
        await _kit.PutLocationAsync("RA-1", evses: 1);
        await _kit.AddPartnerAsync("ratelimited.test", "RA-1");
        await Eventually.True(() => _kit.RequestsTo("ratelimited.test").Any(r => r.Method == HttpMethod.Put), "the initial PUT");

        await _kit.ReportAsync("RA-1", 1, EvseStatus.Charging, T(1));

        await Eventually.True(() => _kit.PatchesTo("ratelimited.test").Count == 2, "the retry");
        var patches = _kit.PatchesTo("ratelimited.test");
        Assert.True(patches[1].At - patches[0].At >= TimeSpan.FromSeconds(1.9), $"retried after {(patches[1].At - patches[0].At).TotalSeconds:F2} s despite Retry-After: 2");
        Assert.Equal(patches[0].Body, patches[1].Body);
    }

    [Fact]
    public async Task Circuit_opens_after_repeated_failures_and_closes_after_a_successful_probe()
    {
        var healthy = false;
        _cluster.Partners.Respond = r => r.Url.Host == "broken.test" && !Volatile.Read(ref healthy)
            ? (r.Method == HttpMethod.Put ? PartnerFaults.DropConnection() : Task.FromResult(PartnerFaults.OcpiServerError()))
            : Task.FromResult(StubPartnerHandler.Ok());
        await _kit.PutLocationAsync("CB-1", evses: 6);
        var partner = _cluster.Client.GetGrain<IPartnerGrain>(await _kit.AddPartnerAsync("broken.test", "CB-1"));

        await Eventually.True(() => partner.GetHealth().Result.CircuitState == "Open", "the circuit to open", TimeSpan.FromSeconds(20));
        var open = await partner.GetHealth();
        Assert.True(open.FailuresByKind.Values.Sum() >= 5);
        Assert.NotNull(open.LastError);

        // While open, at most one probe per break duration (1 s here): the partner is not hammered.
        var before = _kit.RequestsTo("broken.test").Count;
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var during = _kit.RequestsTo("broken.test").Count - before;
        Assert.InRange(during, 1, 4);

        Volatile.Write(ref healthy, true);
        await Eventually.True(() => partner.GetHealth().Result is { CircuitState: "Closed", PendingLocationPuts: 0, QueueDepth: 0, InFlight: 0 }, "recovery", TimeSpan.FromSeconds(20));
        Assert.Contains(_kit.RequestsTo("broken.test"), r => r.Method == HttpMethod.Put);
    }

    [Fact]
    public async Task Client_errors_are_recorded_with_the_partners_message_and_not_retried()
    {
        _cluster.Partners.Respond = r => Task.FromResult(r.Url.Host == "strict.test" && r.Method == HttpMethod.Patch
            ? PartnerFaults.BadRequest("last_updated is required")
            : StubPartnerHandler.Ok());
        await _kit.PutLocationAsync("CE-1", evses: 1);
        var partner = _cluster.Client.GetGrain<IPartnerGrain>(await _kit.AddPartnerAsync("strict.test", "CE-1"));
        await Eventually.True(() => _kit.RequestsTo("strict.test").Any(r => r.Method == HttpMethod.Put), "the initial PUT");

        await _kit.ReportAsync("CE-1", 1, EvseStatus.Blocked, T(1));

        await Eventually.True(() => partner.GetHealth().Result.FailuresByKind.ContainsKey("http_400"), "the rejection to be recorded");
        await Task.Delay(500);
        Assert.Single(_kit.PatchesTo("strict.test"));
        var health = await partner.GetHealth();
        Assert.Contains("last_updated is required", health.LastError, StringComparison.Ordinal);
        Assert.Equal(0, health.QueueDepth);
        Assert.Equal("Closed", health.CircuitState);
    }

    [Fact]
    public async Task A_hanging_partner_delays_neither_ingest_nor_the_other_partners()
    {
        var release = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _cluster.Partners.Respond = r => r.Url.Host == "hanging.test" ? release.Task : Task.FromResult(StubPartnerHandler.Ok());
        await _kit.PutLocationAsync("ISO-1", evses: 10);
        await _kit.AddPartnerAsync("hanging.test", "ISO-1");
        await _kit.AddPartnerAsync("healthy-a.test", "ISO-1");
        await _kit.AddPartnerAsync("healthy-b.test", "ISO-1");

        // 10 EVSEs × 5 changes; every ingest call returns while the hanging partner has not answered anything.
        for (var round = 1; round <= 5; round++)
        {
            await Task.WhenAll(Enumerable.Range(1, 10).Select(evse =>
                _kit.ReportAsync("ISO-1", evse, round % 2 == 0 ? EvseStatus.Available : EvseStatus.Charging, T(round))));
        }

        foreach (var host in new[] { "healthy-a.test", "healthy-b.test" })
        {
            await Eventually.True(() =>
            {
                var seen = _kit.StatesSeenBy(host);
                return Enumerable.Range(1, 10).All(n => seen.TryGetValue($"ISO-1-E{n}", out var s) && s[^1] == ("CHARGING", "2026-03-01T12:00:05Z"));
            }, $"{host} to hold the latest state of every EVSE");
        }

        Assert.False(release.Task.IsCompleted);
        Assert.All(_kit.RequestsTo("hanging.test"), r => Assert.Equal(HttpMethod.Put, r.Method)); // still stuck on its first request
        release.SetResult(StubPartnerHandler.Ok());
    }

    [Fact]
    public async Task After_an_outage_each_changed_evse_gets_its_latest_state_once()
    {
        var down = true;
        _cluster.Partners.Respond = r => Task.FromResult(r.Url.Host == "outage.test" && Volatile.Read(ref down) ? PartnerFaults.Unavailable() : StubPartnerHandler.Ok());
        await _kit.PutLocationAsync("OUT-1", evses: 8);
        var partner = _cluster.Client.GetGrain<IPartnerGrain>(await _kit.AddPartnerAsync("outage.test", "OUT-1"));
        Volatile.Write(ref down, false);
        await Eventually.True(() => _kit.RequestsTo("outage.test").Any(r => r.Method == HttpMethod.Put && r.Body.Length > 0), "the initial PUT");
        await Eventually.True(() => partner.GetHealth().Result is { PendingLocationPuts: 0, InFlight: 0, CircuitState: "Closed" }, "the initial PUT to finish");

        // A change delivered first: from then on the fan-out hands this location's changes to the partner (before, on a
        // busy machine, they could reach it only through reconcile, as the latest state alone: nothing to coalesce).
        await _kit.ReportAsync("OUT-1", 1, EvseStatus.Blocked, T(0));
        await Eventually.True(() => _kit.PatchesTo("outage.test").Count > 0, "the first PATCH");

        Volatile.Write(ref down, true);
        for (var round = 1; round <= 12; round++)
        {
            await Task.WhenAll(Enumerable.Range(1, 8).Select(evse =>
                _kit.ReportAsync("OUT-1", evse, round % 3 == 0 ? EvseStatus.OutOfOrder : round % 3 == 1 ? EvseStatus.Charging : EvseStatus.Available, T(round))));
        }

        // 96 changes for 8 EVSEs: what waits is the latest state per EVSE, never more than 8 entries.
        await Eventually.True(() => partner.GetHealth().Result is { CircuitState: "Open" } h && h.QueueDepth + h.InFlight == 8, "the circuit to open with 8 EVSEs pending");
        var health = await partner.GetHealth();
        Assert.NotNull(health.OldestPendingAge);
        Assert.True(health.Coalesced > 0);
        var failedBefore = _kit.PatchesTo("outage.test").Count;

        Volatile.Write(ref down, false);
        await Eventually.True(() => partner.GetHealth().Result is { QueueDepth: 0, InFlight: 0, CircuitState: "Closed" }, "recovery", TimeSpan.FromSeconds(20));

        var delivered = _kit.PatchesTo("outage.test").Skip(failedBefore).Where(r => r.Body.Length > 0).ToList();
        var recovered = _kit.StatesSeenBy("outage.test", delivered);
        // Each EVSE once more at most for the probe that re-opened, and the last state seen is the latest: round 12 (OUTOFORDER at +12 s).
        Assert.Equal(8, recovered.Count);
        Assert.All(recovered.Values, states => Assert.Equal(("OUTOFORDER", "2026-03-01T12:00:12Z"), states[^1]));
        Assert.True(delivered.Count <= 8 + 4, $"expected about one PATCH per EVSE after the outage, got {delivered.Count}");
    }
}
