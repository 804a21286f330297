using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace StatusGrid.Server.Tests.Dashboard;

/// <summary>A map page stand-in: watches one viewport and records every message it is sent, by hub method.</summary>
public sealed class MapClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Channel<(string Method, JsonElement Argument)> _messages = Channel.CreateUnbounded<(string, JsonElement)>();

    private MapClient(HubConnection connection)
    {
        _connection = connection;
        foreach (var method in new[] { "statusChanged", "locationChanged", "locationRemoved", "aggregates" })
        {
            _connection.On<JsonElement>(method, argument => _messages.Writer.TryWrite((method, argument.Clone())));
        }

        _connection.On("resync", () => _messages.Writer.TryWrite(("resync", default)));
    }

    public List<(string Method, JsonElement Argument)> Seen { get; } = [];

    public static async Task<MapClient> WatchAsync(Uri host, double west, double south, double east, double north, int zoom)
    {
        var client = await ConnectAsync(host);
        await client._connection.InvokeAsync<JsonElement>("Watch", west, south, east, north, zoom);
        return client;
    }

    /// <summary>Connected, no viewport told yet (a page still loading, or one that only shows the summary).</summary>
    public static async Task<MapClient> ConnectAsync(Uri host)
    {
        var client = new MapClient(new HubConnectionBuilder().WithUrl(new Uri(host, "/hubs/status")).Build());
        await client._connection.StartAsync();
        return client;
    }

    public Task<JsonElement> WatchAsync(double west, double south, double east, double north, int zoom) =>
        _connection.InvokeAsync<JsonElement>("Watch", west, south, east, north, zoom);

    /// <summary>Reads messages until one of <paramref name="method"/> matches; fails after 15 s.</summary>
    public async Task<JsonElement> WaitForAsync(string method, Func<JsonElement, bool> match)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var message = await _messages.Reader.ReadAsync(cancel.Token);
            Seen.Add(message);
            if (message.Method == method && match(message.Argument))
            {
                return message.Argument;
            }
        }
    }

    public static bool HasItem(JsonElement batch, string evseUid, string status) =>
        batch.EnumerateArray().Any(i => i.GetProperty("evse_uid").GetString() == evseUid && i.GetProperty("status").GetString() == status);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
