namespace StatusGrid.Storage;

public sealed record LocationPage(IReadOnlyList<StoredLocation> Items, int TotalCount);
