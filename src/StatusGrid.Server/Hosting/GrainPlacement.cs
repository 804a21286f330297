namespace StatusGrid.Server.Hosting;

/// <summary>Where new grain activations go (<c>StatusGrid:Cluster:Placement</c>).</summary>
public enum GrainPlacement
{
    /// <summary>Orleans' default since 9.2: the silo with the lowest CPU/memory score, smoothed over time.</summary>
    ResourceOptimized,

    /// <summary>
    /// Any compatible silo at random. Our grains are small and alike, so this spreads them evenly and predictably,
    /// also over silos that share one machine (where resource scores say little).
    /// </summary>
    Random,
}
