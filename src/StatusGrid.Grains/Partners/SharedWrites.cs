namespace StatusGrid.Grains.Partners;

/// <summary>
/// Lets many callers wait for one state write that holds what each of them changed: a caller returns once a write that
/// began after its call has completed, and callers that come while a write runs share the next one. A filter change
/// mints stamps for every Location it moves, by the thousand (<see cref="SentStamps"/>); one whole-state write each, of
/// a floor map that grows with them, made such a change cost writes quadratic in its size.
/// </summary>
/// <param name="write">
/// Writes the state; it calls the action it is given once its turn has come, and then stores what is in memory at
/// that moment (PartnerGrain.WriteStateAsync).
/// </param>
/// <remarks>Not thread-safe: used on a grain's turns only.</remarks>
internal sealed class SharedWrites(Func<Action, Task> write)
{
    private long _asked;
    private long _stored;
    private Task? _running;

    /// <summary>Completes when a write that holds this call's change has completed; throws when that write failed.</summary>
    public async Task StoreAsync()
    {
        var ticket = ++_asked;
        while (_stored < ticket)
        {
            if (_running is not { IsCompleted: false } running)
            {
                running = _running = WriteAsync();
            }

            await running;
        }
    }

    private async Task WriteAsync()
    {
        long through = 0;
        await write(() => through = _asked);
        _stored = Math.Max(_stored, through);
    }
}
