using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Evses;

/// <summary>
/// How an EVSE judges a report by its observation time. Observed before the horizon: history. Observed at the horizon:
/// new only if that status was not already seen at that very time. Charge points often stamp whole seconds, so
/// Preparing then Charging in one second are two real changes, applied in arrival order; but a sender's retry of a
/// status that another one replaced at the same time must not bring it back.
/// </summary>
/// <remarks>
/// Which statuses were seen at the horizon is known only to this activation. A new one starts from the stored
/// horizon with none: a different status observed exactly then is applied, which is safe because a status replaced at
/// the same time was published just after it (<see cref="Stamp"/>), so the stored horizon is already past it.
/// </remarks>
internal struct ObservationHorizon(DateTimeOffset at)
{
    private uint _seenAtHorizon;

    public DateTimeOffset At { get; private set; } = at;

    /// <summary>Observed before the horizon: the EVSE has newer news.</summary>
    public readonly bool IsBefore(DateTimeOffset observed) => observed < At;

    /// <summary>A status already seen at this exact observation time (a retry, or a status since replaced).</summary>
    public readonly bool SawAlready(DateTimeOffset observed, EvseStatus status) => observed == At && (_seenAtHorizon & Bit(status)) != 0;

    /// <summary>A status applied or repeated, observed at <paramref name="observed"/>.</summary>
    public void Saw(DateTimeOffset observed, EvseStatus status)
    {
        if (observed > At)
        {
            At = observed;
            _seenAtHorizon = Bit(status);
        }
        else if (observed == At)
        {
            _seenAtHorizon |= Bit(status);
        }
    }

    /// <summary>Nothing observed before <paramref name="at"/> may apply any more (a stored or published stamp).</summary>
    public void Raise(DateTimeOffset at)
    {
        if (at > At)
        {
            At = at;
            _seenAtHorizon = 0;
        }
    }

    /// <summary>
    /// The last_updated a change is published with: the wanted one, unless partners already hold the EVSE at that
    /// time or later — then 1 ms after what they hold (OCPI carries milliseconds), so every change reaches them as
    /// newer than the one before and a partner that ignores a stamp it already holds does not keep the older state.
    /// </summary>
    public static DateTimeOffset Stamp(DateTimeOffset wanted, DateTimeOffset? held) =>
        held is { } h && wanted <= h ? h.AddMilliseconds(1) : wanted;

    private static uint Bit(EvseStatus status) => 1u << (int)status;
}
