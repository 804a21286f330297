using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace StatusGrid.MockEmsp;

/// <summary>
/// Each partner's own copy of what it took, when <see cref="FleetOptions.KeepCopies"/> is on: a PUT replaces a
/// Location, a PATCH updates one of its EVSEs (and the Location's <c>last_updated</c> when later), and a GET of a
/// Location or an EVSE answers from it, as an OCPI receiver does. A CPO whose answer was lost reads it to learn whether
/// its push arrived (StatusGrid's ordered mode does so before sending such a push again); without it, the chaos run
/// could only count such pushes as sent twice. Kept: statuses and <c>last_updated</c>, what that check compares.
/// </summary>
public sealed class ReceiverCopies(int partners)
{
    private readonly ConcurrentDictionary<string, LocationCopy>[] _copies =
        [.. Enumerable.Range(0, partners).Select(_ => new ConcurrentDictionary<string, LocationCopy>(StringComparer.OrdinalIgnoreCase))];

    /// <summary>A Location PUT the partner took; a body it cannot read leaves the copy as it was.</summary>
    public void Put(int partner, string locationId, ReadOnlySequence<byte> body)
    {
        LocationCopy copy;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            copy = new LocationCopy { LastUpdatedMs = Ms(root) };
            if (root.TryGetProperty("evses", out var evses) && evses.ValueKind == JsonValueKind.Array)
            {
                foreach (var evse in evses.EnumerateArray())
                {
                    if (evse.TryGetProperty("uid", out var uid) && uid.GetString() is { } id)
                    {
                        copy.Evses[id] = (evse.TryGetProperty("status", out var status) ? status.GetString() ?? "" : "", Ms(evse));
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return;
        }

        _copies[partner][locationId] = copy;
    }

    /// <summary>An EVSE PATCH the partner took; false when it holds no such EVSE (OCPI: unknown object).</summary>
    public bool Patch(int partner, string locationId, string evseUid, string? status, long? lastUpdatedMs)
    {
        if (!_copies[partner].TryGetValue(locationId, out var copy))
        {
            return false;
        }

        lock (copy)
        {
            if (!copy.Evses.TryGetValue(evseUid, out var held))
            {
                return false;
            }

            var ms = lastUpdatedMs ?? held.Ms;
            copy.Evses[evseUid] = (status ?? held.Status, ms);
            copy.LastUpdatedMs = Math.Max(copy.LastUpdatedMs, ms);
            return true;
        }
    }

    /// <summary>The OCPI answer to a GET of the Location or one of its EVSEs; null when the partner holds none.</summary>
    public byte[]? Get(int partner, string locationId, string? evseUid)
    {
        if (!_copies[partner].TryGetValue(locationId, out var copy))
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("data");
            lock (copy)
            {
                if (evseUid is not null)
                {
                    if (!copy.Evses.TryGetValue(evseUid, out var evse))
                    {
                        return null;
                    }

                    WriteEvse(writer, evseUid, evse);
                }
                else
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", locationId);
                    writer.WriteString("last_updated", Text(copy.LastUpdatedMs));
                    writer.WriteStartArray("evses");
                    foreach (var (uid, evse) in copy.Evses)
                    {
                        WriteEvse(writer, uid, evse);
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }
            }

            writer.WriteNumber("status_code", 1000);
            writer.WriteString("status_message", "Success");
            writer.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteEvse(Utf8JsonWriter writer, string uid, (string Status, long Ms) evse)
    {
        writer.WriteStartObject();
        writer.WriteString("uid", uid);
        writer.WriteString("status", evse.Status);
        writer.WriteString("last_updated", Text(evse.Ms));
        writer.WriteEndObject();
    }

    private static long Ms(JsonElement item) =>
        item.TryGetProperty("last_updated", out var text) && PatchBody.ParseUnixMs(text.GetString()) is { } ms ? ms : 0;

    private static string Text(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private sealed class LocationCopy
    {
        public long LastUpdatedMs { get; set; }

        public Dictionary<string, (string Status, long Ms)> Evses { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
