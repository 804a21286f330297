namespace StatusGrid.Storage;

/// <summary>A Location whose stored document is newer than the one last delivered to (or refused by) a partner.</summary>
/// <param name="Country">Where it is (alpha-3), and <paramref name="Publish"/>: what partner filters match.</param>
/// <param name="DeliveredVersion">
/// The document version the partner last got (0: none). A hidden Location it got an earlier version of may be one
/// it holds as published, so it is owed a withdrawal.
/// </param>
public sealed record UndeliveredLocation(string Id, string Country, bool Publish, long DocumentVersion, long DeliveredVersion = 0);
