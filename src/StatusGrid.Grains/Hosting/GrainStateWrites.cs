namespace StatusGrid.Grains.Hosting;

/// <summary>
/// Grains change their state in memory, then write it. When the write fails the memory is ahead of the database, and
/// a caller's retry of the same change finds nothing to do ("already so"): the change would live in this activation
/// only and be lost when it is collected. So a failed write drops the activation; the retry meets a new one, loaded
/// from what is stored, and writes the change. Dropping is what a silo crash does anyway, so every grain copes. The
/// partner grain (reentrant, with pushes in flight) puts the previous value back instead.
/// </summary>
public static class GrainStateWrites
{
    public static Task WriteOrDeactivateAsync<T>(this IPersistentState<T> state, IGrainBase grain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        return grain.OrDeactivateAsync(state.WriteStateAsync(cancellationToken));
    }

    public static Task ClearOrDeactivateAsync<T>(this IPersistentState<T> state, IGrainBase grain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        return grain.OrDeactivateAsync(state.ClearStateAsync(cancellationToken));
    }

    /// <summary>The same for a grain that keeps its state in a store of its own (the EVSE grain's identity row).</summary>
    public static async Task OrDeactivateAsync(this IGrainBase grain, Task write)
    {
        ArgumentNullException.ThrowIfNull(grain);
        try
        {
            await write;
        }
        catch
        {
            grain.GrainContext.Deactivate(
                new DeactivationReason(DeactivationReasonCode.ApplicationError, "A grain state write failed; the next call loads what is stored."),
                CancellationToken.None);
            throw;
        }
    }
}
