namespace StatusGrid.Grains.Evses;

/// <summary>
/// When to give memory back to the machine: once at least <c>threshold</c> EVSE grains were collected since the
/// highest count seen, and the collection wave is over (between two looks the count fell by less than a tenth of
/// the threshold: an estate where a few grains go idle all the time still gets its trim). The garbage
/// collector would otherwise keep the freed heap committed: nothing allocates while the estate is idle, so no
/// collection runs. No plain class of the runtime; a decision without I/O, so it is tested without a silo.
/// </summary>
public sealed class MemoryTrimRule(long threshold)
{
    private long _peak;
    private long? _last;

    /// <summary>Takes the current activation count; true when the caller should trim now.</summary>
    public bool Observe(long count)
    {
        var previous = _last;
        _last = count;
        _peak = Math.Max(_peak, count);
        if (threshold <= 0 || _peak - count < threshold || previous is null || previous - count >= Math.Max(1, threshold / 10))
        {
            return false;
        }

        _peak = count;
        return true;
    }
}
