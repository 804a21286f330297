using Orleans.Runtime;

namespace StatusGrid.Grains.Partners;

/// <summary>How long a partner's new activation holds its sends after the previous one crashed (see PartnerGrain.Fence.cs).</summary>
internal static class CrashHold
{
    /// <param name="predecessor">The silo of the previous activation (<see cref="SiloAddress.ToParsableString"/>); null: it stopped cleanly.</param>
    /// <param name="self">This silo.</param>
    /// <param name="requestTimeout">The longest a sender waits for an answer.</param>
    /// <param name="uptime">How long this silo's process has run.</param>
    public static TimeSpan For(string? predecessor, SiloAddress self, TimeSpan requestTimeout, TimeSpan uptime)
    {
        if (predecessor is null)
        {
            return TimeSpan.Zero;
        }

        SiloAddress previous;
        try
        {
            previous = SiloAddress.FromParsableString(predecessor);
        }
        catch (FormatException)
        {
            return requestTimeout;
        }

        // An earlier run of this very silo (same endpoint, older generation) died before this process started: its
        // requests have been out at least as long as this process has run. That is the single-silo restart.
        var earlierRunOfThisSilo = previous.Endpoint.Equals(self.Endpoint) && previous.Generation < self.Generation;
        return earlierRunOfThisSilo ? requestTimeout - Min(uptime, requestTimeout) : requestTimeout;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
