namespace StatusGrid.Storage;

/// <summary>
/// A Location row was not stored because another row holds the same id in another case (ids are CiStrings; the
/// <c>locations_upper_id</c> index is unique). Only possible when two writers race for a new Location, e.g. an import
/// storing "loc-1" while a PUT of "LOC-1" that found nothing stored writes: the loser should send its document again,
/// and it then updates the stored Location.
/// </summary>
public sealed class LocationIdConflictException : Exception
{
    public LocationIdConflictException()
    {
    }

    public LocationIdConflictException(string message)
        : base(message)
    {
    }

    public LocationIdConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The name of the unique index on upper(id), as both providers report a violation of it.</summary>
    public const string IndexName = "locations_upper_id";

    public static LocationIdConflictException For(string locationId, Exception innerException) =>
        new($"Location '{locationId}' was stored meanwhile under an id differing only in case.", innerException);
}
