using System.Diagnostics.Metrics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StatusGrid.Server.Ocpp;

namespace StatusGrid.Server.Tests.Ocpp;

/// <summary>
/// A flood of wrong supplied passwords: once every PBKDF2 slot is busy and the queue is full, the next upgrade gets
/// 503 with Retry-After before any WebSocket is opened, while a station whose password this silo already verified
/// still connects. Plain HTTP and ClientWebSocket, so it needs no npm client.
/// </summary>
[Collection(RefusalMetric)]
public sealed class OcppPasswordFloodTests
{
    /// <summary>
    /// The refusal counter is a process-wide meter: classes whose hosts answer 503 to a full limiter share this
    /// collection, so they never run at once and one's refusals never show up in the other's count.
    /// </summary>
    public const string RefusalMetric = "OCPP password check refusals";

    private const string Password = "supplied-password-0001";

    [Fact]
    public async Task With_the_pbkdf2_slots_busy_and_the_queue_full_a_wrong_password_gets_503_and_a_known_station_still_connects()
    {
        await using var host = await StatusGridHost.StartAsync(new Dictionary<string, string>
        {
            ["StatusGrid:Ocpp:AllowUnencrypted"] = "true",
            ["StatusGrid:Ocpp:PasswordCheckQueueLimit"] = "1",
        });
        using var admin = host.Client();
        using var registered = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/charge-points/CP-FLOOD",
            $$"""{"password":"{{Password}}","connectors":[],"evses":[]}""");
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        (await ConnectAsync(host, Password)).Dispose(); // verified once: this silo remembers it

        var limiter = host.Services.GetRequiredService<PasswordHashingLimiter>();
        Assert.Equal(1, limiter.QueueLimit);
        var slots = await limiter.TakeEverySlotAsync();

        using var refusals = new RefusalCounter();
        using var stranger = new HttpClient { BaseAddress = host.BaseAddress };
        var waiting = stranger.SendAsync(Upgrade("wrong-password-0001"));
        await WaitUntilAsync(() => limiter.Queued == 1);

        using var refused = await stranger.SendAsync(Upgrade("wrong-password-0002"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("password checks", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, refusals.Count);

        // The remembered password needs no slot: the flood does not lock out stations that are already known.
        using var known = await ConnectAsync(host, Password);
        Assert.Equal(WebSocketState.Open, known.State);

        slots.ForEach(s => s.Dispose());
        using var checkedLater = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Unauthorized, checkedLater.StatusCode);
    }

    private static HttpRequestMessage Upgrade(string password) => OcppUpgrade.Request("CP-FLOOD", password);

    private static async Task<ClientWebSocket> ConnectAsync(StatusGridHost host, string password)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("ocpp1.6");
        socket.Options.SetRequestHeader("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("CP-FLOOD:" + password)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var url = new Uri(host.BaseAddress, "/ocpp/CP-FLOOD").ToString().Replace("http://", "ws://", StringComparison.Ordinal);
        await socket.ConnectAsync(new Uri(url), timeout.Token);
        return socket;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the first wrong password never queued");
            await Task.Delay(20);
        }
    }

    /// <summary>Counts <see cref="OcppMetrics.PasswordChecksRefusedName"/> while it lives.</summary>
    private sealed class RefusalCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public RefusalCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == OcppMetrics.MeterName && instrument.Name == OcppMetrics.PasswordChecksRefusedName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
