namespace StatusGrid.Grains.Evses;

/// <summary>
/// When to give memory back to the machine: once at least <c>threshold</c> EVSE grains were collected since the
/// highest count seen, and the collection wave is over (between two looks the count fell by less than a tenth of
/// the threshold: an estate where a few grains go idle all the time still gets its trim), and not sooner than
/// <c>minInterval</c> after the previous trim (each costs a pause of a full collection). The garbage collector would
/// otherwise keep the freed heap committed: nothing allocates while the estate is idle, so no collection runs. A
/// decision without I/O, tested without a silo.
/// </summary>
public sealed class MemoryTrimRule(long threshold, TimeSpan minInterval)
{
    private long _peak;
    private long? _last;
    private DateTimeOffset? _trimmedAt;

    /// <summary>Takes the current activation count; true when the caller should trim now.</summary>
    public bool Observe(long count, DateTimeOffset now)
    {
        var previous = _last;
        _last = count;
        _peak = Math.Max(_peak, count);
        if (threshold <= 0 || _peak - count < threshold || previous is null || previous - count >= Math.Max(1, threshold / 10)
            || now - _trimmedAt < minInterval)
        {
            return false;
        }

        _peak = count;
        _trimmedAt = now;
        return true;
    }
}
