namespace StatusGrid.Storage;

/// <summary>
/// Queryable copy of every Location, for OCPI paging without activating grains. Rows are ordered by an
/// immutable key assigned on first insert, so paging is stable while statuses change.
/// </summary>
public interface ILocationStore
{
    Task UpsertAsync(StoredLocation location, CancellationToken cancellationToken = default);

    Task<StoredLocation?> GetAsync(string id, CancellationToken cancellationToken = default);

    Task<LocationPage> QueryAsync(LocationQuery query, CancellationToken cancellationToken = default);
}
