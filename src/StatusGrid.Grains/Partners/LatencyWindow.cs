namespace StatusGrid.Grains.Partners;

/// <summary>The last N push latencies, for percentiles in the health view (metrics carry the full histogram).</summary>
internal sealed class LatencyWindow(int capacity = 1024)
{
    private readonly double[] _values = new double[capacity];
    private int _count;
    private int _next;

    public void Add(double milliseconds)
    {
        _values[_next] = milliseconds;
        _next = (_next + 1) % _values.Length;
        _count = Math.Min(_count + 1, _values.Length);
    }

    public double? Percentile(double p)
    {
        if (_count == 0)
        {
            return null;
        }

        var sorted = _values.AsSpan(0, _count).ToArray();
        Array.Sort(sorted);
        var index = (int)Math.Ceiling(p * _count) - 1;
        return sorted[Math.Clamp(index, 0, _count - 1)];
    }
}
