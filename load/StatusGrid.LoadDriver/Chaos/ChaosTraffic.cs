using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using StatusGrid.LoadDriver.Api;
using StatusGrid.LoadDriver.Workload;

namespace StatusGrid.LoadDriver.Chaos;

/// <summary>
/// Steady ingest that follows the client rule of the README: a 503 or a lost answer means "send the not-applied items
/// again"; a 4xx is never retried. Senders own disjoint EVSEs (each EVSE has at most one change in flight) and spread
/// requests over the silos; a refused connection (a silo that is down) goes to the next silo, as a load balancer does.
/// </summary>
internal sealed class ChaosTraffic : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly Func<IReadOnlyList<Uri>> _silos;
    private readonly EvseCatalog _catalog;
    private readonly EvseLedger _ledger;
    private readonly string _ingestKey;
    private readonly HttpClient _http;
    private readonly Stopwatch _clock;
    private int _next;

    public ChaosTraffic(Func<IReadOnlyList<Uri>> silos, EvseCatalog catalog, EvseLedger ledger, string ingestKey, Stopwatch clock, TimeSpan requestTimeout)
    {
        _silos = silos;
        _catalog = catalog;
        _ledger = ledger;
        _ingestKey = ingestKey;
        _clock = clock;
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, ConnectTimeout = TimeSpan.FromSeconds(2) }) { Timeout = requestTimeout };
    }

    public ConcurrentQueue<RequestRecord> Requests { get; } = new();

    /// <summary>Items StatusGrid rejected (4xx-type item errors): none are expected from this client.</summary>
    public long RejectedItems => Interlocked.Read(ref _rejected);

    private long _rejected;

    /// <summary>Sends <paramref name="rate"/> changes/s in batches until <paramref name="stop"/>.</summary>
    public Task RunAsync(double rate, int batch, int senders, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(() => SenderAsync(s, senders, rate, batch, stop))));

    /// <summary>Resends every unconfirmed change until all are confirmed or <paramref name="timeout"/> passes.</summary>
    public async Task<bool> SettleAsync(int batch, TimeSpan timeout)
    {
        var deadline = _clock.Elapsed + timeout;
        while (_clock.Elapsed < deadline)
        {
            var pending = Enumerable.Range(0, _ledger.Count).Where(_ledger.HasPending).ToList();
            if (pending.Count == 0)
            {
                return true;
            }

            await Task.WhenAll(pending.Chunk(batch).Select(chunk => SendAsync(chunk)));
        }

        return _ledger.PendingCount == 0;
    }

    private async Task SenderAsync(int sender, int senders, double rate, int batch, CancellationToken stop)
    {
        var owned = Enumerable.Range(0, _catalog.Count).Where(e => e % senders == sender).ToArray();
        var period = TimeSpan.FromSeconds(batch * senders / rate);
        var position = 0;
        var due = _clock.Elapsed;
        while (!stop.IsCancellationRequested)
        {
            var evses = new int[Math.Min(batch, owned.Length)];
            for (var i = 0; i < evses.Length; i++)
            {
                evses[i] = owned[position++ % owned.Length];
            }

            var outcome = await SendAsync(evses);
            if (outcome == RequestOutcome.Failed)
            {
                // The client rule: back off before resending.
                await Delay(TimeSpan.FromMilliseconds(100), stop);
            }

            due += period;
            var wait = due - _clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Delay(wait, stop);
            }
            else
            {
                due = _clock.Elapsed;
            }
        }
    }

    private async Task<RequestOutcome> SendAsync(IReadOnlyList<int> evses)
    {
        var body = Body(evses);
        var silos = _silos();
        var first = (int)((uint)Interlocked.Increment(ref _next) % (uint)silos.Count);
        var start = _clock.Elapsed.TotalSeconds;
        for (var attempt = 0; attempt < silos.Count; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silos[(first + attempt) % silos.Count], "/api/status")) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = JsonType;
                request.Headers.Add("X-Api-Key", _ingestKey);
                using var response = await _http.SendAsync(request);
                var outcome = response.StatusCode switch
                {
                    HttpStatusCode.OK => RequestOutcome.Ok,
                    HttpStatusCode.ServiceUnavailable => RequestOutcome.RetryLater,
                    _ => RequestOutcome.Failed,
                };
                if (outcome != RequestOutcome.Failed)
                {
                    await ApplyAnswerAsync(evses, response);
                }

                Record(start, outcome, attempt);
                return outcome;
            }
            catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                // Nothing was sent: the next silo takes it.
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                Record(start, RequestOutcome.Failed, attempt);
                return RequestOutcome.Failed;
            }
        }

        Record(start, RequestOutcome.Failed, silos.Count);
        return RequestOutcome.Failed;
    }

    private void Record(double start, RequestOutcome outcome, int rerouted) =>
        Requests.Enqueue(new RequestRecord(start, _clock.Elapsed.TotalSeconds, outcome, rerouted));

    /// <summary>Confirms every item that is neither rejected nor listed as not applied.</summary>
    private async Task ApplyAnswerAsync(IReadOnlyList<int> evses, HttpResponseMessage response)
    {
        using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        var open = new HashSet<int>();
        foreach (var list in new[] { "errors", "not_applied_items" })
        {
            if (answer.RootElement.TryGetProperty(list, out var items))
            {
                foreach (var item in items.EnumerateArray())
                {
                    open.Add(item.GetProperty("index").GetInt32());
                }
            }
        }

        if (answer.RootElement.TryGetProperty("errors", out var errors))
        {
            Interlocked.Add(ref _rejected, errors.GetArrayLength());
        }

        for (var i = 0; i < evses.Count; i++)
        {
            if (!open.Contains(i))
            {
                _ledger.Confirm(evses[i]);
            }
        }
    }

    private byte[] Body(IReadOnlyList<int> evses)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var buffer = new ArrayBufferWriter<byte>(evses.Count * 128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var evse in evses)
            {
                var (status, ms) = _ledger.Next(evse, now);
                writer.WriteStartObject();
                writer.WriteString("location_id", _catalog.LocationOf(evse));
                writer.WriteString("evse_uid", _catalog.EvseUid(evse));
                writer.WriteString("status", status);
                writer.WriteString("observed_at", ChangeBatch.FormatObservedAt(ms));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static async Task Delay(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose() => _http.Dispose();
}
