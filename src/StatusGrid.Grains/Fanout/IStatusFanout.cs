using StatusGrid.Contracts.Evses;

namespace StatusGrid.Grains.Fanout;

/// <summary>
/// This silo's outlet for accepted changes: gathers them while the previous flush is busy and sends each batch to
/// every silo's dashboard observer and to every subscribed partner. Never blocks the caller.
/// </summary>
public interface IStatusFanout
{
    /// <summary>
    /// Queues a committed change. The task ends true once every <c>ordered</c> partner's grain holds it (at once when
    /// there is none), false when that hand-off failed: such a partner must get every state, and a change still in
    /// this silo's memory would be lost with the silo.
    /// </summary>
    Task<bool> Publish(EvseStatusChange change);

    /// <summary>
    /// Whether an <c>ordered</c> partner may exist: false only shortly after a directory read that found none (see
    /// <see cref="FanoutOptions.DirectoryTrust"/>).
    /// </summary>
    bool MayHaveOrderedPartners { get; }

    /// <summary>
    /// Asks every partner to PUT these Locations (a structural change). <paramref name="wasPublished"/>: the Location
    /// was published before this change, so partners that hide unpublished Locations may hold it and get it withdrawn;
    /// <paramref name="wasCountry"/>: where it was before (null for a new Location), so partners filtered to that
    /// country, which may hold it, get it withdrawn when it moved (<see cref="LocationPutRequest.Reaches"/>).
    /// </summary>
    void PublishLocationPut(string locationId, string country, bool publish, bool wasPublished = false, string? wasCountry = null);
}
