namespace StatusGrid.LoadDriver.Measure;

/// <summary>
/// When a change was sent (Stopwatch timestamp of its request) and who has seen it: a bit per partner (so repeated
/// PATCHes of the same state count once) and a count of dashboard deliveries. Updated with Interlocked only.
/// </summary>
internal sealed class SendRecord(bool measured)
{
    /// <summary>False for warm-up changes: their arrivals are matched (so they are not "unknown") but not measured.</summary>
    public readonly bool Measured = measured;

    public long SendTimestamp;
    public int PartnerMask;
    public int HubDeliveries;

    /// <summary>1 when its request was not answered 200 (a 503 listing items not applied, an error, no answer).</summary>
    public int InFailedRequest;
}
