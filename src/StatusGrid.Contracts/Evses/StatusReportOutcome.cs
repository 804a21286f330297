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
}
