namespace StatusGrid.LoadDriver.Dashboards;

/// <summary>
/// N dashboards spread over the target's front doors, connected a few at a time (a thousand handshakes at once would
/// measure the connect storm, not delivery), pinged every 15 s until disposed.
/// </summary>
internal sealed class HubClientPool : IAsyncDisposable
{
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(15);

    private readonly List<HubClient> _clients;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pinging;

    private HubClientPool(List<HubClient> clients, int failed)
    {
        _clients = clients;
        Failed = failed;
        _pinging = Task.Run(PingLoopAsync);
    }

    public int Connected => _clients.Count(c => !c.Closed);

    public int Failed { get; }

    /// <summary>All messages received by the pool's clients (items and aggregates alike).</summary>
    public long Messages => _clients.Sum(c => c.Messages);

    public static async Task<HubClientPool> ConnectAsync(IReadOnlyList<Uri> baseUrls, int count, Action<HubItem, long> onItem, TimeSpan timeout, Func<int, HubViewport?> viewportOf)
    {
        var clients = new List<HubClient>(count);
        var failed = 0;
        using var deadline = new CancellationTokenSource(timeout);
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            try
            {
                var client = await HubClient.ConnectAsync(HubClient.HubUrl(baseUrls[i % baseUrls.Count]), onItem, viewportOf(i), deadline.Token);
                lock (clients)
                {
                    clients.Add(client);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or System.Net.WebSockets.WebSocketException or HttpRequestException)
            {
                Interlocked.Increment(ref failed);
            }
        });
        return new HubClientPool(clients, failed);
    }

    private async Task PingLoopAsync()
    {
        using var timer = new PeriodicTimer(PingInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                foreach (var client in _clients.Where(c => !c.Closed))
                {
                    try
                    {
                        await client.PingAsync(_stop.Token);
                    }
                    catch (System.Net.WebSockets.WebSocketException)
                    {
                        // The receive loop notices the closed socket and marks the client.
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pinging;
        await Parallel.ForEachAsync(_clients, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (client, _) => await client.DisposeAsync());
        _stop.Dispose();
    }
}
