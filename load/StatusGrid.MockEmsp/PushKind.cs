namespace StatusGrid.MockEmsp;

public enum PushKind
{
    /// <summary>PATCH of an EVSE (a status change).</summary>
    EvsePatch,

    /// <summary>PUT of a whole Location (registration, structural change, unknown object).</summary>
    LocationPut,

    /// <summary>Anything else on the Locations receiver (other PATCH/PUT targets).</summary>
    Other,
}
