using System.Diagnostics.Metrics;

namespace StatusGrid.Server.Ingest;

public static class IngestMetrics
{
    public const string MeterName = "StatusGrid.Ingest";
    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Items = Meter.CreateCounter<long>("statusgrid.ingest.items", description: "Status changes received, by outcome");
    private static readonly Histogram<double> BatchDuration = Meter.CreateHistogram<double>("statusgrid.ingest.batch_duration", "ms", "Time to make a batch durable");

    public static void Count(string outcome, int count)
    {
        if (count > 0)
        {
            Items.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public static void Batch(double milliseconds) => BatchDuration.Record(milliseconds);
}
