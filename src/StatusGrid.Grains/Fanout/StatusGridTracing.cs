using System.Diagnostics;

namespace StatusGrid.Grains.Fanout;

/// <summary>
/// StatusGrid's own spans. The fan-out batches changes from many ingest requests, so a batch's span continues the
/// trace of its first change and links the others: ingest → EVSE grain → fan-out → partner grain → push stays one
/// trace for a single change, and every other request of the batch can still find it.
/// </summary>
public static class StatusGridTracing
{
    public const string SourceName = "StatusGrid";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Most links recorded on one fan-out span (a batch can hold thousands of changes).</summary>
    internal const int MaxLinks = 32;
}

/// <summary>A queued item with the trace context it was published under.</summary>
internal sealed record TracedItem(object Item, ActivityContext Context);
