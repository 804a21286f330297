namespace StatusGrid.LoadDriver.Target;

public enum TargetKind
{
    /// <summary>StatusGrid: actors, durable group commit, coalescing partner pipelines, SignalR fan-out.</summary>
    StatusGrid,

    /// <summary>The minimal forwarder (Kestrel in, HttpClient PATCH out): the ceiling this machine allows.</summary>
    Baseline,
}
