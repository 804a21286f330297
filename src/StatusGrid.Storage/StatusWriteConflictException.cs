namespace StatusGrid.Storage;

/// <summary>
/// A status write was not stored because the table already holds that version or a newer one for the EVSE. Only
/// possible when two activations of one EVSE overlap (a silo declared dead that was still writing): the writer must
/// re-read the stored status before deciding again.
/// </summary>
public sealed class StatusWriteConflictException : Exception
{
    public StatusWriteConflictException()
    {
    }

    public StatusWriteConflictException(string message)
        : base(message)
    {
    }

    public StatusWriteConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static StatusWriteConflictException For(EvseStatusRecord record) =>
        new($"EVSE {record.LocationId}/{record.EvseUid}: version {record.Version} is already stored or superseded.");
}
