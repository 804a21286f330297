using Orleans.Runtime;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// Until when a partner's new activation holds its sends after the previous one crashed (see PartnerGrain.Fence.cs):
/// one request timeout after the latest moment the previous activation's silo can still have been sending.
/// </summary>
internal static class CrashHold
{
    /// <param name="predecessor">The silo of the previous activation (<see cref="SiloAddress.ToParsableString"/>); null: it stopped cleanly.</param>
    /// <param name="self">This silo.</param>
    /// <param name="requestTimeout">The longest a sender waits for an answer.</param>
    /// <param name="activatedAt">Now: the previous activation's silo was dead by then (only one activation exists).</param>
    /// <param name="processStartedAt">When this silo's process started.</param>
    /// <param name="seenDeadAt">When this silo first saw a silo Dead in the membership, if it did (<see cref="SiloDeaths"/>).</param>
    /// <returns>The time before which nothing is sent (at or before <paramref name="activatedAt"/>: no hold).</returns>
    public static DateTimeOffset Until(
        string? predecessor, SiloAddress self, TimeSpan requestTimeout, DateTimeOffset activatedAt, DateTimeOffset processStartedAt, Func<SiloAddress, DateTimeOffset?> seenDeadAt)
    {
        if (predecessor is null)
        {
            return activatedAt;
        }

        SiloAddress previous;
        try
        {
            previous = SiloAddress.FromParsableString(predecessor);
        }
        catch (FormatException)
        {
            return activatedAt + requestTimeout;
        }

        // The earliest moment known to be after the previous silo stopped sending.
        var deadBy = activatedAt;
        if (previous.Endpoint.Equals(self.Endpoint) && previous.Generation < self.Generation && processStartedAt < deadBy)
        {
            deadBy = processStartedAt; // an earlier run of this very silo died before this process started
        }

        if (!previous.Equals(self) && seenDeadAt(previous) is { } seen && seen < deadBy)
        {
            deadBy = seen;
        }

        return deadBy + requestTimeout;
    }
}
