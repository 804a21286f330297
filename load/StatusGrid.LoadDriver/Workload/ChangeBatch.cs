using System.Buffers;
using System.Text.Json;
using StatusGrid.LoadDriver.Measure;

namespace StatusGrid.LoadDriver.Workload;

/// <summary>
/// Builds one ingest request body <c>{"changes":[...]}</c> for a list of EVSEs: each flips its status with
/// observed_at = now (ms), and each change is registered so its arrivals can be matched to this request's send time.
/// </summary>
internal static class ChangeBatch
{
    public static (byte[] Body, SendRecord[] Records) Build(EvseCatalog catalog, StatusTable table, SendRegistry registry, IReadOnlyList<int> evses, long nowMs, bool measured)
    {
        var records = new SendRecord[evses.Count];
        var buffer = new ArrayBufferWriter<byte>(evses.Count * 128 + 16);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("changes");
            for (var i = 0; i < evses.Count; i++)
            {
                var evse = evses[i];
                var (status, observedMs) = table.Next(evse, nowMs);
                records[i] = registry.Add(evse, observedMs, measured);
                writer.WriteStartObject();
                writer.WriteString("location_id", catalog.LocationOf(evse));
                writer.WriteString("evse_uid", catalog.EvseUid(evse));
                writer.WriteString("status", status);
                writer.WriteString("observed_at", FormatObservedAt(observedMs));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return (buffer.WrittenSpan.ToArray(), records);
    }

    /// <summary>OCPI DateTime with milliseconds, e.g. 2026-11-25T10:00:00.123Z; the server echoes it as last_updated.</summary>
    public static string FormatObservedAt(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
