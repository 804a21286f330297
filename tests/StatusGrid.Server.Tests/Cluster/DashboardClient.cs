using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace StatusGrid.Server.Tests.Cluster;

/// <summary>
/// A browser stand-in: a SignalR connection to one silo's hub that records every status item it is sent. Like the map
/// page, it takes a location the host re-read ("locationChanged": a change committed before that re-read arrives
/// inside it, not as a statusChanged item) and, on "resync" (the host's live feed had a gap, e.g. while a silo died),
/// its viewport's snapshot, and records each EVSE in them as an item.
/// </summary>
public sealed class DashboardClient : IAsyncDisposable
{
    private const string Viewport = "bbox=5,52,5.25,52.15&zoom=13";
    private readonly HubConnection _connection;
    private readonly HttpClient _http;
    private readonly Channel<JsonElement> _items = Channel.CreateUnbounded<JsonElement>();
    private int _resyncs;

    private DashboardClient(HubConnection connection, Uri silo)
    {
        _connection = connection;
        _http = new HttpClient { BaseAddress = silo };
        _connection.On<JsonElement>("statusChanged", batch =>
        {
            foreach (var item in batch.EnumerateArray())
            {
                _items.Writer.TryWrite(item.Clone());
            }
        });
        _connection.On<JsonElement>("locationChanged", Record);
        _connection.On("resync", () =>
        {
            Interlocked.Increment(ref _resyncs);
            _ = ReadSnapshotAsync();
        });
    }

    /// <summary>How often the host told this client to re-read its viewport.</summary>
    public int Resyncs => Volatile.Read(ref _resyncs);

    /// <summary>Connects and watches a city-sized viewport around the test locations (Utrecht), as the map page does.</summary>
    public static async Task<DashboardClient> ConnectAsync(Uri silo)
    {
        var client = new DashboardClient(new HubConnectionBuilder().WithUrl(new Uri(silo, "/hubs/status")).Build(), silo);
        await client._connection.StartAsync();
        await client._connection.InvokeAsync<JsonElement>("Watch", 5.0, 52.0, 5.25, 52.15, 13);
        return client;
    }

    private async Task ReadSnapshotAsync()
    {
        using var snapshot = JsonDocument.Parse(await _http.GetStringAsync("/api/dashboard/snapshot?" + Viewport));
        foreach (var feature in snapshot.RootElement.GetProperty("features").EnumerateArray())
        {
            Record(feature);
        }
    }

    private void Record(JsonElement feature)
    {
        foreach (var evse in feature.GetProperty("properties").GetProperty("evses").EnumerateArray())
        {
            _items.Writer.TryWrite(JsonSerializer.SerializeToElement(new
            {
                evse_uid = evse.GetProperty("uid").GetString(),
                status = evse.GetProperty("status").GetString(),
                last_updated = evse.GetProperty("last_updated").GetString(),
            }));
        }
    }

    /// <summary>Reads items until one matches; fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var seen = new List<string>();
        try
        {
            while (true)
            {
                var item = await _items.Reader.ReadAsync(cancel.Token);
                if (match(item))
                {
                    return item;
                }

                seen.Add(item.ToString());
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"No matching dashboard item within {timeout} ({Resyncs} resyncs); the last ones seen: {string.Join(" ", seen.TakeLast(8))}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _http.Dispose();
    }
}
