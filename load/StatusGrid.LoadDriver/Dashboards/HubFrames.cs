using System.Text.Json;

namespace StatusGrid.LoadDriver.Dashboards;

/// <summary>
/// The SignalR JSON hub protocol as far as a read-only client needs it: records end with 0x1E; type 1 is an
/// invocation (<c>{"type":1,"target":"statusChanged","arguments":[[{...},...]]}</c>), 6 a ping, 7 a close.
/// </summary>
internal static class HubFrames
{
    public const byte RecordSeparator = 0x1E;
    public const int Invocation = 1;
    public const int Ping = 6;
    public const int Close = 7;
    public const string StatusChanged = "statusChanged";

    public static readonly byte[] Handshake = [.. """{"protocol":"json","version":1}"""u8, RecordSeparator];
    public static readonly byte[] PingRecord = [.. """{"type":6}"""u8, RecordSeparator];

    /// <summary>
    /// Reads one record (without its separator). Returns the message type (0 when it has none, as the handshake
    /// answer <c>{}</c>), and adds the items of a <c>statusChanged</c> invocation to <paramref name="items"/>.
    /// </summary>
    public static int Parse(ReadOnlySpan<byte> record, List<HubItem> items)
    {
        var reader = new Utf8JsonReader(record);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A hub record must be a JSON object.");
        }

        var type = 0;
        var isStatus = false;
        var firstItem = items.Count;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                isStatus = reader.ValueTextEquals(StatusChanged);
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                ReadArguments(ref reader, items);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (type != Invocation || !isStatus)
        {
            items.RemoveRange(firstItem, items.Count - firstItem);
        }

        return type;
    }

    private static void ReadArguments(ref Utf8JsonReader reader, List<HubItem> items)
    {
        // arguments: [ [item, item, ...] ]; only the first argument carries the batch.
        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (first && reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    items.Add(ReadItem(ref reader));
                }
            }
            else
            {
                reader.Skip();
            }

            first = false;
        }
    }

    private static HubItem ReadItem(ref Utf8JsonReader reader)
    {
        string? location = null, evse = null, status = null, lastUpdated = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("location_id"u8))
            {
                reader.Read();
                location = reader.GetString();
            }
            else if (reader.ValueTextEquals("evse_uid"u8))
            {
                reader.Read();
                evse = reader.GetString();
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                status = reader.GetString();
            }
            else if (reader.ValueTextEquals("last_updated"u8))
            {
                reader.Read();
                lastUpdated = reader.GetString();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new HubItem(location, evse, status, lastUpdated);
    }
}
