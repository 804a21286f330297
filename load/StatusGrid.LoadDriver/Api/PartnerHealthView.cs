namespace StatusGrid.LoadDriver.Api;

/// <summary>The part of a partner's admin view the driver needs: is its pipeline idle, and what did it do.</summary>
internal sealed record PartnerHealthView(string Id, int QueueDepth, int PendingLocationPuts, int InFlight, long Successes, long Coalesced, long Failures)
{
    public bool IsIdle => QueueDepth == 0 && PendingLocationPuts == 0 && InFlight == 0;
}
