using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;

namespace StatusGrid.Baseline;

/// <summary>
/// One partner: an unbounded queue of changes and <c>max_concurrency</c> workers PATCHing them in arrival order. No
/// coalescing, no ordering per EVSE, no retry, no durability: the least work a forwarder can do.
/// </summary>
internal sealed class ForwardingPartner
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly Channel<BaselineChange> _queue = Channel.CreateUnbounded<BaselineChange>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });
    private readonly HttpClient _http;
    private readonly string _authorization;
    private long _successes;
    private long _failures;
    private int _inFlight;

    public ForwardingPartner(PartnerConfig config, HttpClient http)
    {
        Config = config;
        _http = http;
        // OCPI 2.2: the token is sent base64-encoded.
        _authorization = "Token " + Convert.ToBase64String(Encoding.UTF8.GetBytes(config.Token));
        for (var i = 0; i < Math.Max(1, config.MaxConcurrency ?? 8); i++)
        {
            _ = Task.Run(WorkAsync);
        }
    }

    public PartnerConfig Config { get; }

    public void Enqueue(BaselineChange change) => _queue.Writer.TryWrite(change);

    public object Health() => new
    {
        queue_depth = _queue.Reader.Count,
        in_flight = Volatile.Read(ref _inFlight),
        successes = Interlocked.Read(ref _successes),
        coalesced = 0,
        pending_location_puts = 0,
        failures_by_kind = new Dictionary<string, long> { ["http"] = Interlocked.Read(ref _failures) },
    };

    public void Stop() => _queue.Writer.TryComplete();

    private async Task WorkAsync()
    {
        await foreach (var change in _queue.Reader.ReadAllAsync())
        {
            Interlocked.Increment(ref _inFlight);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Patch,
                    $"{Config.LocationsUrl.TrimEnd('/')}/{change.CountryCode}/{change.PartyId}/{Uri.EscapeDataString(change.LocationId)}/{Uri.EscapeDataString(change.EvseUid)}");
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes($"{{\"status\":\"{change.Status}\",\"last_updated\":\"{change.ObservedAt}\"}}"));
                request.Content.Headers.ContentType = Json;
                // The same headers StatusGrid sends, so both pay the same bytes on the wire.
                var requestId = Guid.NewGuid().ToString();
                request.Headers.TryAddWithoutValidation("Authorization", _authorization);
                request.Headers.TryAddWithoutValidation("X-Request-ID", requestId);
                request.Headers.TryAddWithoutValidation("X-Correlation-ID", requestId);
                request.Headers.TryAddWithoutValidation("OCPI-from-country-code", change.CountryCode);
                request.Headers.TryAddWithoutValidation("OCPI-from-party-id", change.PartyId);
                request.Headers.TryAddWithoutValidation("OCPI-to-country-code", Config.CountryCode);
                request.Headers.TryAddWithoutValidation("OCPI-to-party-id", Config.PartyId);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                Interlocked.Increment(ref response.IsSuccessStatusCode ? ref _successes : ref _failures);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref _failures);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
