using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace StatusGrid.Server.Tests.Cluster;

/// <summary>A browser stand-in: a SignalR connection to one silo's hub that records every status item it is sent.</summary>
public sealed class DashboardClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Channel<JsonElement> _items = Channel.CreateUnbounded<JsonElement>();

    private DashboardClient(HubConnection connection)
    {
        _connection = connection;
        _connection.On<JsonElement>("statusChanged", batch =>
        {
            foreach (var item in batch.EnumerateArray())
            {
                _items.Writer.TryWrite(item.Clone());
            }
        });
    }

    /// <summary>Connects and watches a city-sized viewport around the test locations (Utrecht), as the map page does.</summary>
    public static async Task<DashboardClient> ConnectAsync(Uri silo)
    {
        var client = new DashboardClient(new HubConnectionBuilder().WithUrl(new Uri(silo, "/hubs/status")).Build());
        await client._connection.StartAsync();
        await client._connection.InvokeAsync<JsonElement>("Watch", 5.0, 52.0, 5.25, 52.15, 13);
        return client;
    }

    /// <summary>Reads items until one matches; fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var item = await _items.Reader.ReadAsync(cancel.Token);
            if (match(item))
            {
                return item;
            }
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
