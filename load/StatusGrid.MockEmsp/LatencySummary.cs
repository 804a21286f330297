namespace StatusGrid.MockEmsp;

/// <summary>Percentiles of one latency distribution, in milliseconds.</summary>
public sealed record LatencySummary(long Count, double P50, double P95, double P99, double Max, double Mean)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0);
}
