namespace StatusGrid.Grains.Evses;

/// <summary>How many EVSE grains this silo holds in memory (one per silo, counted by the grains themselves).</summary>
public sealed class EvseActivations
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    internal void Activated() => Interlocked.Increment(ref _count);

    internal void Deactivated() => Interlocked.Decrement(ref _count);
}
