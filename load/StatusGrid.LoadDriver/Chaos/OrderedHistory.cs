using System.Globalization;

namespace StatusGrid.LoadDriver.Chaos;

/// <summary>
/// The <c>ordered</c> promise, checked: every state the client had acknowledged reaches each ordered partner once, in
/// the order acknowledged. Per EVSE it keeps the acknowledged states (their last_updated) and, per ordered partner, the
/// PATCHes the partner accepted. Checking only each EVSE's latest state (what convergence does) cannot see a state
/// lost in between, and that is the one an ordered partner (a hub's store and forward) exists for. A state accepted
/// twice in a row is counted apart: the chaos fleet answers GETs from its copies (as OCPI receivers do), so after a
/// silo dies with a PATCH in flight StatusGrid reads whether the partner took it instead of sending it again.
/// </summary>
internal sealed class OrderedHistory
{
    private readonly List<long>?[] _acknowledged;
    private readonly List<long>?[][] _accepted;
    private readonly int[] _slotOf;
    private readonly int[] _partners;

    /// <param name="orderedPartners">Indexes (0-based) of the partners registered as ordered.</param>
    public OrderedHistory(int evses, int partners, IReadOnlyList<int> orderedPartners)
    {
        _acknowledged = new List<long>?[evses];
        _partners = [.. orderedPartners];
        _slotOf = [.. Enumerable.Repeat(-1, partners)];
        for (var slot = 0; slot < _partners.Length; slot++)
        {
            _slotOf[_partners[slot]] = slot;
        }

        _accepted = [.. _partners.Select(_ => new List<long>?[evses])];
    }

    /// <summary>The partners of a run that are ordered, from its delivery modes (the last one for the rest).</summary>
    public static List<int> OrderedOf(IReadOnlyList<string> deliveryModes, int partners) =>
        [.. Enumerable.Range(0, partners).Where(p => deliveryModes.Count > 0
            && string.Equals(deliveryModes[Math.Min(p, deliveryModes.Count - 1)], "ordered", StringComparison.OrdinalIgnoreCase))];

    public void Acknowledged(int evse, long lastUpdatedMs) => Add(ref _acknowledged[evse], lastUpdatedMs);

    /// <summary>A PATCH the partner accepted (called on the mock's request threads).</summary>
    public void Accepted(int partner, int evse, long lastUpdatedMs)
    {
        if (partner < _slotOf.Length && _slotOf[partner] is var slot and >= 0)
        {
            Add(ref _accepted[slot][evse], lastUpdatedMs);
        }
    }

    /// <summary>Every ordered partner against every EVSE's acknowledged states, now.</summary>
    public OrderedVerdict Check()
    {
        var missed = 0;
        var repeated = 0;
        var unexpected = 0;
        string? example = null;
        for (var slot = 0; slot < _partners.Length; slot++)
        {
            for (var evse = 0; evse < _acknowledged.Length; evse++)
            {
                var acknowledged = Copy(_acknowledged[evse]);
                var accepted = Copy(_accepted[slot][evse]);
                var (m, r, u) = Compare(acknowledged, accepted);
                missed += m;
                repeated += r;
                unexpected += u;
                if (example is null && m + u > 0)
                {
                    example = string.Create(CultureInfo.InvariantCulture,
                        $"partner {_partners[slot] + 1}, EVSE #{evse}: acknowledged [{string.Join(", ", acknowledged)}], accepted [{string.Join(", ", accepted)}]");
                }
            }
        }

        return new OrderedVerdict(missed, repeated, unexpected, example);
    }

    /// <summary>
    /// Missed: acknowledged states the partner never accepted, or accepted out of order. Repeated: a state accepted
    /// again right after itself. Unexpected: accepted states the client never had acknowledged.
    /// </summary>
    internal static (int Missed, int Repeated, int Unexpected) Compare(IReadOnlyList<long> acknowledged, IReadOnlyList<long> accepted)
    {
        var collapsed = new List<long>(accepted.Count);
        var repeated = 0;
        foreach (var state in accepted)
        {
            if (collapsed.Count > 0 && collapsed[^1] == state)
            {
                repeated++;
            }
            else
            {
                collapsed.Add(state);
            }
        }

        // Each accepted state found among the acknowledged ones after the last one found; the ones jumped over were
        // missed (an older state accepted after a newer one is skipped here: PartnerWatch counts it as a regression).
        var position = new Dictionary<long, int>(acknowledged.Count);
        for (var i = 0; i < acknowledged.Count; i++)
        {
            position.TryAdd(acknowledged[i], i);
        }

        var missed = 0;
        var next = 0;
        var unexpected = 0;
        foreach (var state in collapsed)
        {
            if (!position.TryGetValue(state, out var at))
            {
                unexpected++;
            }
            else if (at >= next)
            {
                missed += at - next;
                next = at + 1;
            }
        }

        return (missed + acknowledged.Count - next, repeated, unexpected);
    }

    private static void Add(ref List<long>? list, long value)
    {
        var states = list ?? Interlocked.CompareExchange(ref list, new List<long>(), null) ?? list!;
        lock (states)
        {
            states.Add(value);
        }
    }

    private static List<long> Copy(List<long>? list)
    {
        if (list is null)
        {
            return [];
        }

        lock (list)
        {
            return [.. list];
        }
    }
}

/// <summary>What <see cref="OrderedHistory.Check"/> found, summed over ordered partners and EVSEs.</summary>
internal sealed record OrderedVerdict(int Missed, int Repeated, int Unexpected, string? FirstExample)
{
    public bool Kept => Missed == 0 && Unexpected == 0 && Repeated == 0;

    public string Describe() => Kept
        ? "every acknowledged state accepted once, in order"
        : string.Create(CultureInfo.InvariantCulture, $"{Missed} acknowledged states missed, {Unexpected} never acknowledged, {Repeated} accepted twice in a row; first: {FirstExample}");
}
