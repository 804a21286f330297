using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace StatusGrid.IngestBench;

/// <summary>
/// One client connection: posts batches of status changes for its own slice of the EVSEs, one request at a time.
/// Owning a slice keeps every change "applied": per EVSE the status always differs from the previous one and
/// observed_at always rises, and no other worker races it.
/// </summary>
internal sealed class IngestWorker(HttpClient client, (string LocationId, string EvseUid)[] evses, int batchSize, DateTime baseTime)
{
    private static readonly byte[][] Statuses = [.. new[] { "AVAILABLE", "CHARGING", "BLOCKED", "RESERVED" }.Select(s => System.Text.Encoding.UTF8.GetBytes(s))];
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly int[] _sequence = new int[evses.Length];
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private int _next;

    public IngestTally Tally { get; } = new();

    public async Task RunAsync(Func<bool> measuring, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var body = BuildBatch();
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var content = new ReadOnlyMemoryContent(body) { Headers = { ContentType = Json } };
                using var response = await client.PostAsync("/api/status", content, CancellationToken.None);
                var text = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                var elapsed = Stopwatch.GetElapsedTime(started);
                if (!response.IsSuccessStatusCode)
                {
                    Tally.Failed(measuring(), $"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(text)}");
                    continue;
                }

                using var answer = JsonDocument.Parse(text);
                var root = answer.RootElement;
                Tally.Answered(measuring(), elapsed, root.GetProperty("applied").GetInt32(),
                    root.GetProperty("duplicates").GetInt32() + root.GetProperty("stale").GetInt32() + root.GetProperty("rejected").GetInt32());
            }
            catch (HttpRequestException ex)
            {
                Tally.Failed(measuring(), ex.Message);
            }
        }
    }

    private ReadOnlyMemory<byte> BuildBatch()
    {
        _buffer.Clear();
        using var writer = new Utf8JsonWriter(_buffer);
        writer.WriteStartArray();
        Span<byte> timestamp = stackalloc byte[32];
        var count = Math.Min(batchSize, evses.Length);
        for (var i = 0; i < count; i++)
        {
            var slot = _next;
            _next = (_next + 1) % evses.Length;
            var sequence = ++_sequence[slot];
            var (locationId, evseUid) = evses[slot];
            writer.WriteStartObject();
            writer.WriteString("location_id"u8, locationId);
            writer.WriteString("evse_uid"u8, evseUid);
            writer.WriteString("status"u8, Statuses[sequence % Statuses.Length]);
            baseTime.AddMilliseconds(sequence).TryFormat(timestamp, out var written, "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            writer.WriteString("observed_at"u8, timestamp[..written]);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.Flush();
        return _buffer.WrittenMemory;
    }
}
