using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;

namespace StatusGrid.LoadDriver.Dashboards;

/// <summary>
/// One dashboard: a raw WebSocket to the hub (no negotiate), the JSON protocol handshake, optionally a Watch of one
/// viewport (as the map page does; without one the client receives only the estate summary), and a receive loop that hands each status item with its arrival timestamp to <c>onItem</c>. Lighter than the SignalR
/// .NET client, so a thousand of them fit next to the server on two cores.
/// </summary>
internal sealed class HubClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Action<HubItem, long> _onItem;
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;

    private HubClient(Action<HubItem, long> onItem) => _onItem = onItem;

    public long Messages { get; private set; }

    public bool Closed { get; private set; }

    public static async Task<HubClient> ConnectAsync(Uri hubUrl, Action<HubItem, long> onItem, HubViewport? viewport, CancellationToken cancellationToken)
    {
        var client = new HubClient(onItem);
        try
        {
            await client._socket.ConnectAsync(hubUrl, cancellationToken);
            await client.SendAsync(HubFrames.Handshake, cancellationToken);
            if (viewport is { } watched)
            {
                await client.SendAsync(watched.WatchRecord(), cancellationToken);
            }

            client._receiving = Task.Run(client.ReceiveLoopAsync, CancellationToken.None);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    public static Uri HubUrl(Uri baseUrl) =>
        new UriBuilder(baseUrl) { Scheme = baseUrl.Scheme == "https" ? "wss" : "ws", Path = "/hubs/status" }.Uri;

    /// <summary>The server drops a client that says nothing for 30 s; the pool pings every 15 s like the browser client.</summary>
    public Task PingAsync(CancellationToken cancellationToken) => SendAsync(HubFrames.PingRecord, cancellationToken);

    private async Task SendAsync(byte[] record, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(record, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var filled = 0;
        var items = new List<HubItem>(1024);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var result = await _socket.ReceiveAsync(buffer.AsMemory(filled), _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                filled += result.Count;
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var received = Stopwatch.GetTimestamp();
                Messages++;
                var consumed = ProcessRecords(buffer.AsSpan(0, filled), items, received);
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            Closed = true;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Handles every complete record; returns how many bytes were used (a partial record stays for the next read).</summary>
    private int ProcessRecords(ReadOnlySpan<byte> data, List<HubItem> items, long received)
    {
        var consumed = 0;
        int end;
        while ((end = data[consumed..].IndexOf(HubFrames.RecordSeparator)) >= 0)
        {
            items.Clear();
            var type = HubFrames.Parse(data.Slice(consumed, end), items);
            foreach (var item in items)
            {
                _onItem(item, received);
            }

            if (type == HubFrames.Close)
            {
                _stop.Cancel();
            }

            consumed += end + 1;
        }

        return consumed;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
            }
        }

        await _stop.CancelAsync();
        await _receiving;
        _socket.Dispose();
        _sendLock.Dispose();
        _stop.Dispose();
    }
}
