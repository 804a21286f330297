namespace StatusGrid.Grains.Tests.Fakes;

/// <summary>A store read that holds its caller's thread until the test releases it, and says when it has started.</summary>
public sealed class BlockingRead : IDisposable
{
    private readonly ManualResetEventSlim _released = new();

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Block()
    {
        Entered.TrySetResult();
        _released.Wait(TimeSpan.FromSeconds(30)); // bounded: a test that forgets to release must not hang the run
    }

    public void Release() => _released.Set();

    public void Dispose()
    {
        _released.Set();
        _released.Dispose();
    }
}
