using System.Diagnostics;
using StatusGrid.LoadDriver.Api;
using StatusGrid.LoadDriver.Measure;
using StatusGrid.LoadDriver.Workload;

namespace StatusGrid.LoadDriver.Scenarios;

/// <summary>Sends one built batch and records the answer; never throws (a failed request is counted).</summary>
internal sealed class IngestSender(StatusGridClient client, IngestStats stats)
{
    public async Task SendAsync(byte[] body, SendRecord[] records, CancellationToken cancellationToken)
    {
        var sentAt = Stopwatch.GetTimestamp();
        SendRegistry.MarkSent(records, sentAt);
        stats.Started(sentAt);
        try
        {
            var result = await client.IngestAsync(body, cancellationToken);
            stats.Answered(records.Length, result, sentAt, Stopwatch.GetTimestamp());
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            SendRegistry.MarkFailed(records);
            stats.Failed(records.Length, ex, Stopwatch.GetTimestamp());
        }
    }

    public static long NowUnixMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
