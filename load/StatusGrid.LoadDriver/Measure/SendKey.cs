namespace StatusGrid.LoadDriver.Measure;

/// <summary>One sent change: the EVSE and the observed_at it was sent with (which comes back as last_updated).</summary>
internal readonly record struct SendKey(int Evse, long ObservedMs);
