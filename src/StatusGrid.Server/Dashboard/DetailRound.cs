using System.Text.Json;
using System.Text.Json.Serialization;

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

    /// <summary>
    /// One message per client that shows a tile with items this round (<paramref name="viewersOf"/> a tile's group);
    /// clients with none get nothing. Walks the tiles with items, not every client's tiles: a round at a low rate touches
    /// few tiles, and looking up 1,000 clients' 30 tiles each round was 5 % of the server's CPU at 2,000 changes/s.
    /// </summary>
    public IEnumerable<(string ConnectionId, StatusItems Items)> Messages(Func<string, IReadOnlyList<string>> viewersOf)
    {
        var byClient = new Dictionary<string, List<IReadOnlyList<byte[]>>>(StringComparer.Ordinal);
        foreach (var (group, items) in _byGroup)
        {
            foreach (var connectionId in viewersOf(group))
            {
                if (!byClient.TryGetValue(connectionId, out var parts))
                {
                    byClient[connectionId] = parts = [];
                }

                parts.Add(items);
            }
        }

        return byClient.Select(c => (c.Key, new StatusItems(c.Value)));
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
