namespace StatusGrid.Contracts.Evses;

[GenerateSerializer]
public enum StatusReportOutcome
{
    /// <summary>Stored durably and fanned out.</summary>
    Applied,

    /// <summary>Same status as held: nothing to do.</summary>
    Duplicate,

    /// <summary>Observed before the status held: ignored so a late report cannot undo a newer one.</summary>
    Stale,

    /// <summary>No EVSE with this id was ever put by the CPO.</summary>
    UnknownEvse,

    /// <summary>
    /// The EVSE's status is REMOVED (its Location no longer has it, or the CPO reported it removed): a report would
    /// bring back an EVSE the CPO took away, so it takes none until a Location PUT lists it again.
    /// </summary>
    RemovedEvse,
}
