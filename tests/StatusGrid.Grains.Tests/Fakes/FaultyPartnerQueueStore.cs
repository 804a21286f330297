using System.Collections.Concurrent;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Tests.Fakes;

/// <summary>The real queue store whose next write for a chosen partner fails (a database hiccup); records what it stored.</summary>
public sealed class FaultyPartnerQueueStore(
    IPartnerQueueStore inner, ConcurrentDictionary<string, bool> failNextWrite, ConcurrentQueue<(string PartnerId, int Rows)> written) : IPartnerQueueStore
{
    public Task<PartnerQueueRows> ReadAsync(string partnerId, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(partnerId, cancellationToken);

    public async Task WriteAsync(string partnerId, PartnerQueueWrite write, CancellationToken cancellationToken = default)
    {
        if (failNextWrite.TryRemove(partnerId, out _))
        {
            throw new InvalidOperationException($"write of the ordered queue of {partnerId} failed (test)");
        }

        await inner.WriteAsync(partnerId, write, cancellationToken);
        written.Enqueue((partnerId, write.RowCount));
    }

    public Task DeleteAsync(string partnerId, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(partnerId, cancellationToken);
}
