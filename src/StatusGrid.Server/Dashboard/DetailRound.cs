using System.Text.Json;
using System.Text.Json.Serialization;
using StatusGrid.Server.Dashboard.Viewport;

namespace StatusGrid.Server.Dashboard;

/// <summary>
/// One round of status items for the clients at detail zoom. Each item is serialized once, under its detail tile's
/// group (<see cref="Add"/>); each client then gets one message with the items of every tile it shows
/// (<see cref="Messages"/>). With a message per tile and client, a city map showing 30 tiles of zoom 12 cost 30 socket
/// writes a round; writes are the bulk of what the map's sends cost, and they share the thread pool with partner
/// pushes and ingest, so fewer, fuller writes leave more of it to those.
/// </summary>
public sealed class DetailRound(JsonSerializerOptions json)
{
    private readonly Dictionary<string, List<byte[]>> _byGroup = new(StringComparer.Ordinal);

    public void Add(string group, DashboardStatusItem item)
    {
        if (!_byGroup.TryGetValue(group, out var items))
        {
            _byGroup[group] = items = [];
        }

        items.Add(JsonSerializer.SerializeToUtf8Bytes(item, json));
    }

    /// <summary>One message per client that shows a tile with items this round; clients with none get nothing.</summary>
    public IEnumerable<(string ConnectionId, StatusItems Items)> Messages(IReadOnlyList<DetailClient> clients)
    {
        if (_byGroup.Count == 0)
        {
            yield break;
        }

        foreach (var client in clients)
        {
            List<List<byte[]>>? parts = null;
            foreach (var group in client.Groups)
            {
                if (_byGroup.TryGetValue(group, out var items))
                {
                    (parts ??= []).Add(items);
                }
            }

            if (parts is not null)
            {
                yield return (client.ConnectionId, new StatusItems(parts));
            }
        }
    }
}

/// <summary>
/// A <c>statusChanged</c> message's argument: one JSON array of items that were serialized beforehand, written as they
/// are (the same JSON as a list of <see cref="DashboardStatusItem"/>). The hub speaks SignalR's JSON protocol only.
/// </summary>
[JsonConverter(typeof(StatusItemsConverter))]
public sealed class StatusItems(IReadOnlyList<IReadOnlyList<byte[]>> parts)
{
    public IReadOnlyList<IReadOnlyList<byte[]>> Parts => parts;
}

internal sealed class StatusItemsConverter : JsonConverter<StatusItems>
{
    public override StatusItems Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Status items are only ever sent.");

    public override void Write(Utf8JsonWriter writer, StatusItems value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var part in value.Parts)
        {
            foreach (var item in part)
            {
                writer.WriteRawValue(item, skipInputValidation: true);
            }
        }

        writer.WriteEndArray();
    }
}
