using StatusGrid.LoadDriver.Workload;

namespace StatusGrid.LoadDriver.Scenarios;

/// <summary>
/// Storm: every EVSE reports once, in requests of <c>BatchSize</c> with <c>MaxInFlight</c> at a time, as a CSMS
/// flushing its state after reconnecting would. Each batch is built just before it is sent, so observed_at is the
/// send time. Batches cover disjoint EVSEs, so they can be built in parallel.
/// </summary>
internal static class BurstSender
{
    public static Task RunAsync(ScenarioSettings settings, EvseCatalog catalog, StatusTable table, Measure.SendRegistry registry, IngestSender sender, CancellationToken cancellationToken)
    {
        var batches = (catalog.Count + settings.BatchSize - 1) / settings.BatchSize;
        return Parallel.ForEachAsync(Enumerable.Range(0, batches), new ParallelOptions { MaxDegreeOfParallelism = settings.MaxInFlight, CancellationToken = cancellationToken },
            async (batch, ct) =>
            {
                var first = batch * settings.BatchSize;
                var evses = Enumerable.Range(first, Math.Min(settings.BatchSize, catalog.Count - first)).ToList();
                var (body, records) = ChangeBatch.Build(catalog, table, registry, evses, IngestSender.NowUnixMs(), measured: true);
                await sender.SendAsync(body, records, ct);
            });
    }
}
