namespace StatusGrid.Storage;

/// <summary>A Location whose stored document is newer than the one last delivered to (or refused by) a partner.</summary>
/// <param name="Country">Where it is (alpha-3), and <paramref name="Publish"/>: what partner filters match.</param>
public sealed record UndeliveredLocation(string Id, string Country, bool Publish, long DocumentVersion);
