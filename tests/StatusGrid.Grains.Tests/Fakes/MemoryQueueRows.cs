using StatusGrid.Grains.Partners;
using StatusGrid.Storage;

namespace StatusGrid.Grains.Tests.Fakes;

/// <summary>What <see cref="IPartnerQueueStore"/> holds for one partner, applied write by write in memory.</summary>
internal sealed class MemoryQueueRows
{
    private readonly SortedDictionary<long, string> _messages = [];
    private readonly Dictionary<string, SentStateRow> _sent = new(StringComparer.Ordinal);
    private string? _meta;

    public PartnerQueueRows Rows => new(_meta, [.. _messages.Select(p => new QueuedMessageRow(p.Key, p.Value))], [.. _sent.Values]);

    /// <summary>A save of one activation (the owner check is the store's, tested there).</summary>
    public void Save(OrderedQueueChanges changes) => Apply(OrderedQueueRows.ToWrite(changes, "test", claim: true));

    public void Apply(PartnerQueueWrite write)
    {
        _meta = write.Meta;
        foreach (var seq in write.Deletes)
        {
            _messages.Remove(seq);
        }

        foreach (var row in write.Upserts)
        {
            _messages[row.Seq] = row.Payload;
        }

        foreach (var row in write.Sent)
        {
            _sent[row.EvseKey] = row;
        }
    }
}
