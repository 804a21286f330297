namespace StatusGrid.LoadDriver.Scenarios;

public enum SendMode
{
    /// <summary>Steady: a fixed rate of changes per second for a fixed time, in small batches.</summary>
    Rate,

    /// <summary>Storm: every EVSE reports once, as fast as the target takes it (as after a backend reconnect).</summary>
    Burst,

    /// <summary>No changes (e.g. only the pull scenario, or only memory after import).</summary>
    None,
}
