namespace StatusGrid.Server.Dashboard.Viewport;

/// <summary>
/// The narrowest west..east span that holds a set of longitudes, across the antimeridian when that is the narrower way
/// (then west exceeds east, as in <see cref="Bbox"/>): the plain min/max of an estate in Fiji or Chukotka is the whole
/// world. Linear in the points (the estate summary runs it every aggregate interval): longitudes fall into one-degree
/// bins, and the span leaves out the widest run of empty bins, going round.
/// </summary>
public sealed class LongitudeSpan
{
    private const int Bins = 360;

    private readonly double[] _min = new double[Bins];
    private readonly double[] _max = new double[Bins];
    private readonly bool[] _used = new bool[Bins];

    public void Add(double longitude)
    {
        var bin = Math.Clamp((int)Math.Floor(longitude + 180), 0, Bins - 1);
        _min[bin] = _used[bin] ? Math.Min(_min[bin], longitude) : longitude;
        _max[bin] = _used[bin] ? Math.Max(_max[bin], longitude) : longitude;
        _used[bin] = true;
    }

    /// <summary>West and east of the span; null when nothing was added.</summary>
    public (double West, double East)? Span()
    {
        var first = Array.IndexOf(_used, true);
        if (first < 0)
        {
            return null;
        }

        var last = Array.LastIndexOf(_used, true);

        // The gap round the back (from the last bin to the first) is the plain box's; it wins ties.
        var (west, east, widest) = (first, last, Bins - 1 - last + first);
        for (int bin = first, next; bin < last; bin = next)
        {
            next = Array.IndexOf(_used, true, bin + 1);
            if (next - bin - 1 > widest)
            {
                (west, east, widest) = (next, bin, next - bin - 1);
            }
        }

        return (_min[west], _max[east]);
    }
}
