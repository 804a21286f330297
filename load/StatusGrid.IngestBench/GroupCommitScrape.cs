using System.Globalization;

namespace StatusGrid.IngestBench;

/// <summary>
/// Reads the status store's group-commit histogram from the server's Prometheus endpoint, so the report can say how
/// large the committed batches were in the measured window (difference of two scrapes).
/// </summary>
internal sealed record GroupCommitScrape(double Items, double Batches)
{
    private const string Prefix = "statusgrid_storage_group_commit_batch_size_";

    public static async Task<GroupCommitScrape> ReadAsync(HttpClient client)
    {
        var text = await client.GetStringAsync("/metrics");
        double items = 0, batches = 0;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(Prefix, StringComparison.Ordinal) || !line.Contains("status", StringComparison.Ordinal))
            {
                continue;
            }

            var value = double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            if (line.StartsWith(Prefix + "sum", StringComparison.Ordinal))
            {
                items += value;
            }
            else if (line.StartsWith(Prefix + "count", StringComparison.Ordinal))
            {
                batches += value;
            }
        }

        return new GroupCommitScrape(items, batches);
    }

    public double AverageBatchSince(GroupCommitScrape earlier) =>
        Batches > earlier.Batches ? (Items - earlier.Items) / (Batches - earlier.Batches) : 0;
}
