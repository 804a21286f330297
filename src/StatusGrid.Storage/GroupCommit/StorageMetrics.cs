using System.Diagnostics.Metrics;

namespace StatusGrid.Storage.GroupCommit;

/// <summary>Meter "StatusGrid.Storage": batch count and size per group-committing store, tagged by store name.</summary>
public static class StorageMetrics
{
    public const string MeterName = "StatusGrid.Storage";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> Batches = Meter.CreateCounter<long>("statusgrid.storage.group_commit.batches", description: "Group-commit transactions, by store and outcome.");

    internal static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("statusgrid.storage.group_commit.batch_size", description: "Items per committed group-commit transaction.");
}
