using Microsoft.Extensions.DependencyInjection;

namespace StatusGrid.Storage.Tests.Stores;

/// <summary>The queues of ordered partners, row by row, for every provider.</summary>
public abstract partial class StoreTestsBase
{
    protected IPartnerQueueStore Queues => _services!.GetRequiredService<IPartnerQueueStore>();

    [Fact]
    public async Task A_partner_queue_reads_back_as_its_saves_left_it_messages_in_seq_order()
    {
        Assert.Null((await Queues.ReadAsync("Q1")).Meta);

        await Queues.WriteAsync("Q1", new PartnerQueueWrite("""{"next":4}""",
            [new(3, "m3"), new(1, "m1"), new(2, "m2")], [], [new("L1/E1", 1_000, 1, 2), new("L1/E2", 2_000, 5, 0)], "P", Claim: true));
        await Queues.WriteAsync("Q2", new PartnerQueueWrite("""{"other":true}""", [new(1, "other")], [], [], "P", Claim: true));
        // The next save: one message left, one changed, one added, one sent state moved on.
        await Queues.WriteAsync("Q1", new PartnerQueueWrite("""{"next":5}""", [new(2, "m2 changed"), new(4, "m4")], [1], [new("L1/E1", 3_000, 2, 7)], "P", Claim: false));

        var read = await Queues.ReadAsync("Q1");
        Assert.Equal("""{"next":5}""", read.Meta);
        Assert.Equal([new(2, "m2 changed"), new(3, "m3"), new(4, "m4")], read.Messages);
        Assert.Equal([new("L1/E1", 3_000, 2, 7), new("L1/E2", 2_000, 5, 0)], read.Sent.OrderBy(s => s.EvseKey, StringComparer.Ordinal));
        Assert.Equal([new QueuedMessageRow(1, "other")], (await Queues.ReadAsync("Q2")).Messages);
    }

    [Fact]
    public async Task A_save_of_an_activation_whose_queue_another_has_claimed_is_refused_and_changes_nothing()
    {
        // A's silo was declared dead while A still ran; B, the partner's next activation, claimed the queue.
        await Queues.WriteAsync("Q1", new PartnerQueueWrite("""{"a":1}""", [new(1, "a1")], [], [], Owner: "A", Claim: true));
        await Queues.WriteAsync("Q1", new PartnerQueueWrite("""{"a":2}""", [new(2, "a2")], [], [], Owner: "A", Claim: false));
        await Queues.WriteAsync("Q1", new PartnerQueueWrite("""{"b":1}""", [new(3, "b3")], [], [new("L1/E1", 5_000, 7, 2)], Owner: "B", Claim: true));

        await Assert.ThrowsAsync<PartnerQueueFencedException>(() => Queues.WriteAsync("Q1",
            new PartnerQueueWrite("""{"a":3}""", [new(4, "a4")], [1], [new("L1/E1", 1_000, 5, 0)], Owner: "A", Claim: false)));

        var read = await Queues.ReadAsync("Q1");
        Assert.Equal("""{"b":1}""", read.Meta);
        Assert.Equal([1L, 2L, 3L], read.Messages.Select(m => m.Seq));
        Assert.Equal(7, Assert.Single(read.Sent).Version); // an older sent state never written over the newer one
        await Queues.WriteAsync("Q1", new PartnerQueueWrite("""{"b":2}""", [], [1], [], Owner: "B", Claim: false));
        Assert.Equal([2L, 3L], (await Queues.ReadAsync("Q1")).Messages.Select(m => m.Seq));

        await Queues.DeleteAsync("Q1"); // and after a delete only a claiming save creates the queue again
        await Assert.ThrowsAsync<PartnerQueueFencedException>(() => Queues.WriteAsync("Q1", new PartnerQueueWrite("{}", [], [], [], Owner: "B", Claim: false)));
        Assert.Null((await Queues.ReadAsync("Q1")).Meta);
    }

    [Fact]
    public async Task A_deleted_partner_queue_reads_as_never_stored_and_other_partners_keep_theirs()
    {
        await Queues.WriteAsync("Q1", new PartnerQueueWrite("{}", [new(1, "m1")], [], [new("L1/E1", 1_000, 1, 2)], "P", Claim: true));
        await Queues.WriteAsync("Q2", new PartnerQueueWrite("{}", [new(1, "m1")], [], [], "P", Claim: true));

        await Queues.DeleteAsync("Q1");

        Assert.Equal(PartnerQueueRows.Empty.Meta, (await Queues.ReadAsync("Q1")).Meta);
        Assert.Empty((await Queues.ReadAsync("Q1")).Messages);
        Assert.Single((await Queues.ReadAsync("Q2")).Messages);
    }
}
