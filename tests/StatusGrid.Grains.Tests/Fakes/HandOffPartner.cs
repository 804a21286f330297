using System.Collections.Concurrent;
using System.Collections.Immutable;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Partners;

namespace StatusGrid.Grains.Tests.Fakes;

/// <summary>
/// A partner grain as the fan-out's hand-off sees it: takes batches at once, only once released (its silo is dying, or
/// it is busy), or fails every call with <paramref name="fault"/> (its silo is gone).
/// </summary>
public sealed class HandOffPartner(bool blocked, Exception? fault = null) : IPartnerGrain
{
    private readonly TaskCompletionSource _release = CompletedUnless(blocked);

    private int _calls;

    public ConcurrentQueue<EvseStatusChange> Received { get; } = new();

    public ConcurrentQueue<string> Puts { get; } = new();

    /// <summary>Calls made, answered or not.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public void Release() => _release.TrySetResult();

    public async Task EnqueueStatusChanges(ImmutableArray<EvseStatusChange> changes)
    {
        await Take();
        foreach (var change in changes)
        {
            Received.Enqueue(change);
        }
    }

    public async Task EnqueueLocationPuts(ImmutableArray<string> locationIds)
    {
        await Take();
        foreach (var id in locationIds)
        {
            Puts.Enqueue(id);
        }
    }

    private async Task Take()
    {
        Interlocked.Increment(ref _calls);
        if (fault is not null)
        {
            throw fault;
        }

        await _release.Task;
    }

    private static TaskCompletionSource CompletedUnless(bool blocked)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!blocked)
        {
            source.SetResult();
        }

        return source;
    }

    public Task Configure(PartnerConfig config) => throw new NotSupportedException();

    public Task<PartnerConfig?> GetConfig() => throw new NotSupportedException();

    public Task Remove() => throw new NotSupportedException();

    public Task<PartnerHealth> GetHealth() => throw new NotSupportedException();

    public Task Reconcile() => throw new NotSupportedException();

    public Task<int> Resync() => throw new NotSupportedException();

    public Task<HubClientPutOutcome> PutHubClient(HubClient client) => throw new NotSupportedException();

    public Task<HubClient?> GetHubClient(string countryCode, string partyId) => throw new NotSupportedException();

    public Task<ImmutableArray<HubClient>> GetHubClients() => throw new NotSupportedException();

    public Task HubClientsChanged() => throw new NotSupportedException();
}
