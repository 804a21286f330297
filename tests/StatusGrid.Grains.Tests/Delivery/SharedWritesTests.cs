using StatusGrid.Grains.Partners;

namespace StatusGrid.Grains.Tests.Delivery;

public sealed class SharedWritesTests
{
    /// <summary>A write whose completion the test controls; counts the writes and what each one captured.</summary>
    private sealed class GatedStore
    {
        public List<TaskCompletionSource> Writes { get; } = [];

        public int Changes { get; set; }

        public List<int> Captured { get; } = [];

        public Task WriteAsync(Action beforeWrite)
        {
            beforeWrite();
            Captured.Add(Changes); // what the grain's write stores: the state as its turn came
            var gate = new TaskCompletionSource();
            Writes.Add(gate);
            return gate.Task;
        }
    }

    [Fact]
    public async Task Callers_that_come_while_a_write_runs_share_the_next_write_which_holds_all_their_changes()
    {
        var store = new GatedStore();
        var writes = new SharedWrites(store.WriteAsync);

        store.Changes++;
        var first = writes.StoreAsync();
        var later = Enumerable.Range(0, 100).Select(_ => { store.Changes++; return writes.StoreAsync(); }).ToList();
        store.Writes[0].SetResult();

        await first;
        Assert.All(later, t => Assert.False(t.IsCompleted)); // their changes came after the first write's capture
        Assert.Equal(2, store.Writes.Count);
        store.Writes[1].SetResult();
        await Task.WhenAll(later);
        Assert.Equal([1, 101], store.Captured);
    }

    [Fact]
    public async Task A_failed_write_fails_its_callers_and_the_next_call_writes_again()
    {
        var store = new GatedStore();
        var writes = new SharedWrites(store.WriteAsync);

        var failed = writes.StoreAsync();
        store.Writes[0].SetException(new InvalidOperationException("storage down"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => failed);

        var retried = writes.StoreAsync();
        Assert.Equal(2, store.Writes.Count);
        store.Writes[1].SetResult();
        await retried;
    }
}
