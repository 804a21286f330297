namespace StatusGrid.IngestBench;

/// <summary>
/// The seeded EVSEs and, per EVSE, how many changes were sent so far: observed_at = <see cref="BaseTime"/> + that count
/// in milliseconds, so it rises across consecutive runs too, starting an hour back (never in the future).
/// </summary>
internal sealed class BenchFleet(IngestBenchOptions options)
{
    public (string LocationId, string EvseUid)[] Evses { get; } = [.. Enumerable.Range(0, options.Locations)
        .SelectMany(l => Enumerable.Range(1, options.EvsesPerLocation).Select(n => (BenchLocations.Id(l), $"{BenchLocations.Id(l)}-E{n}")))];

    public int[] Sequences { get; } = new int[options.Locations * options.EvsesPerLocation];

    public DateTime BaseTime { get; } = DateTime.UtcNow.AddHours(-1);

    /// <summary>EVSE indexes of worker <paramref name="worker"/> of <paramref name="workers"/>: every n-th one.</summary>
    public int[] Slice(int worker, int workers) => [.. Enumerable.Range(0, Evses.Length).Where(i => i % workers == worker)];
}
