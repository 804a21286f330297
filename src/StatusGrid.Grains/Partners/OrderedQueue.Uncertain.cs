namespace StatusGrid.Grains.Partners;

/// <summary>
/// Lanes whose head may already be at the partner without our knowing: its answer was lost (a timeout, a dropped
/// connection, a gateway's 502/504, a hub's 4002), or an activation died while it was in flight. Before such a head is
/// sent again the partner's copy is read (a GET on its receiver); a head it already holds leaves the queue unsent.
/// So the partner never takes a message twice, unless its GET cannot answer <see cref="MaxChecks"/> times in a row.
/// </summary>
internal sealed partial class OrderedQueue
{
    /// <summary>Checks without an answer after which the head is sent anyway (a partner whose GET is broken).</summary>
    public const int MaxChecks = 10;

    /// <summary>Lane → checks of its head that got no answer so far.</summary>
    private readonly Dictionary<string, int> _uncertain = [];

    /// <summary>Heads not sent again because the partner's copy showed it held them already.</summary>
    public long AlreadyHeld { get; private set; }

    public bool IsUncertain(OrderedMessage message) => _uncertain.ContainsKey(EvseBacklog.LocationKey(message.LocationId));

    /// <summary>After a send: whether the partner may hold the message although no 2xx arrived.</summary>
    public void SentWith(OrderedMessage message, PushResult result)
    {
        var lane = EvseBacklog.LocationKey(message.LocationId);
        if (result.OutcomeUnknown)
        {
            _uncertain.TryAdd(lane, 0);
        }
        else
        {
            _uncertain.Remove(lane);
        }
    }

    /// <summary>A check of the head got no answer; true while it should be asked again rather than sent.</summary>
    public bool CheckUnanswered(OrderedMessage message)
    {
        var lane = EvseBacklog.LocationKey(message.LocationId);
        var checks = _uncertain.GetValueOrDefault(lane) + 1;
        _uncertain[lane] = checks;
        return checks < MaxChecks;
    }

    /// <summary>The partner's copy is the head: it leaves like a delivered one (<see cref="Remove"/>).</summary>
    public void FoundHeld(OrderedMessage message)
    {
        AlreadyHeld++;
        _uncertain.Remove(EvseBacklog.LocationKey(message.LocationId));
    }

    /// <summary>
    /// After a restart: heads of the lanes a cleanly stopped activation listed (<see cref="OrderedQueueState.Uncertain"/>),
    /// or every head when the state was written while requests could be in flight (a crash leaves that state).
    /// </summary>
    private void RestoreUncertain(OrderedQueueState state)
    {
        _uncertain.Clear();
        AlreadyHeld = state.AlreadyHeld;
        foreach (var lane in state.Uncertain ?? [.. _lanes.Keys])
        {
            if (_lanes.ContainsKey(lane))
            {
                _uncertain[lane] = 0;
            }
        }
    }
}
