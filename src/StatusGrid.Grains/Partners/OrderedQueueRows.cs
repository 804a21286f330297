using System.Text.Json;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Partners;

/// <summary>An ordered queue's changes as the store's rows (<see cref="IPartnerQueueStore"/>), and the rows read back.</summary>
internal static class OrderedQueueRows
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <param name="owner">The saving activation; <paramref name="claim"/>: its first save (see <see cref="IPartnerQueueStore.WriteAsync"/>).</param>
    public static PartnerQueueWrite ToWrite(OrderedQueueChanges changes, string owner, bool claim)
    {
        var upserts = new List<QueuedMessageRow>();
        var deletes = new List<long>();
        foreach (var (seq, message) in changes.Messages)
        {
            if (message is null)
            {
                deletes.Add(seq);
            }
            else
            {
                upserts.Add(new QueuedMessageRow(seq, JsonSerializer.Serialize(message, Json)));
            }
        }

        return new PartnerQueueWrite(
            JsonSerializer.Serialize(changes.Meta, Json),
            upserts,
            deletes,
            [.. changes.Sent.Select(p => new SentStateRow(p.Key, p.Value.LastUpdated.ToUnixTimeMilliseconds(), p.Value.Version, (int)p.Value.Status))],
            owner,
            claim);
    }

    /// <returns>Null when nothing was ever stored for the partner.</returns>
    public static OrderedQueueState? ToState(PartnerQueueRows rows)
    {
        if (rows.Meta is null)
        {
            return null;
        }

        var meta = JsonSerializer.Deserialize<OrderedQueueMeta>(rows.Meta, Json)
            ?? throw new JsonException("The ordered queue's counters are empty.");
        return new OrderedQueueState
        {
            // In seq order, which is each lane's order.
            Messages = [.. rows.Messages.Select(r => JsonSerializer.Deserialize<OrderedMessage>(r.Payload, Json)
                ?? throw new JsonException($"Queued message {r.Seq} is empty."))],
            NextSeq = meta.NextSeq,
            Overflowed = meta.Overflowed,
            AlreadyHeld = meta.AlreadyHeld,
            Uncertain = meta.Uncertain,
            SentStates = rows.Sent.ToDictionary(r => r.EvseKey, r => new[] { r.LastUpdatedUnixMs, r.Version, (long)r.Status }, StringComparer.Ordinal),
        };
    }
}
