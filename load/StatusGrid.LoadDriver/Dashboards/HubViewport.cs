using System.Globalization;
using System.Text;

namespace StatusGrid.LoadDriver.Dashboards;

/// <summary>
/// What a map client watches: after the handshake it invokes the hub's <c>Watch(west, south, east, north, zoom)</c>,
/// as the page does on every pan, and from then on receives only the changes of that viewport's detail tiles (or, zoomed
/// out, the aggregates of its coarse tiles).
/// </summary>
internal readonly record struct HubViewport(double West, double South, double East, double North, int Zoom)
{
    /// <summary>A non-blocking invocation (no invocationId): the server joins the groups and sends no completion.</summary>
    public byte[] WatchRecord() => [.. Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $$"""{"type":1,"target":"Watch","arguments":[{{West}},{{South}},{{East}},{{North}},{{Zoom}}]}""")), HubFrames.RecordSeparator];
}
