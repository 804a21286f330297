using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Measure;

/// <summary>
/// Which of a set of Locations each mock partner has accepted a PUT for, from the fleet's arrivals. An import is
/// answered before the fan-out hands its Locations to the partners, so partners that look idle right after it may
/// simply not have been given anything yet: this says when they really hold every imported Location.
/// </summary>
internal sealed class LocationPutWatch
{
    private readonly HashSet<string>[] _missing;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _missingCount;

    public LocationPutWatch(IReadOnlyCollection<string> locationIds, int partners)
    {
        _missing = [.. Enumerable.Range(0, partners).Select(_ => new HashSet<string>(locationIds, StringComparer.OrdinalIgnoreCase))];
        Expected = _missing.Sum(m => m.Count);
        _missingCount = Expected;
        if (Expected == 0)
        {
            _complete.TrySetResult();
        }
    }

    /// <summary>Locations × partners.</summary>
    public int Expected { get; }

    /// <summary>How many of <see cref="Expected"/> have not arrived yet.</summary>
    public int Missing => Volatile.Read(ref _missingCount);

    /// <summary>For <see cref="ArrivalRecorder.Listener"/>: called on Kestrel's threads for every accepted push.</summary>
    public void OnArrival(Arrival arrival)
    {
        if (arrival.Kind != PushKind.LocationPut || arrival.Partner >= _missing.Length)
        {
            return;
        }

        lock (_gate)
        {
            if (_missing[arrival.Partner].Remove(arrival.LocationId) && --_missingCount == 0)
            {
                _complete.TrySetResult();
            }
        }
    }

    /// <returns>Whether every partner had every Location within <paramref name="timeout"/>.</returns>
    public async Task<bool> WaitAsync(TimeSpan timeout)
    {
        try
        {
            await _complete.Task.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
