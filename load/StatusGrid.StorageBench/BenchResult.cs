namespace StatusGrid.StorageBench;

internal sealed record BenchResult(string Provider, int Writers, long Writes, TimeSpan Elapsed, long Batches, double P50Ms, double P99Ms)
{
    public double WritesPerSecond => Writes / Elapsed.TotalSeconds;

    public double AverageBatch => Batches == 0 ? 0 : (double)Writes / Batches;
}
