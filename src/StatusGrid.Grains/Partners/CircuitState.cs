namespace StatusGrid.Grains.Partners;

public enum CircuitState
{
    Closed,
    Open,

    /// <summary>One probe request allowed; its result closes or re-opens the circuit.</summary>
    HalfOpen,
}
