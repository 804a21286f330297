namespace StatusGrid.Storage.Estate;

/// <summary>One new Location of a bulk import: its stored row, its EVSEs' identities and their first statuses.</summary>
public sealed record ImportedLocation(StoredLocation Location, IReadOnlyList<EvseMeta> Evses, IReadOnlyList<EvseStatusRecord> Statuses);
