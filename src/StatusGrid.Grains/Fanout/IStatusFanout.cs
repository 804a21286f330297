using StatusGrid.Contracts.Evses;

namespace StatusGrid.Grains.Fanout;

/// <summary>
/// This silo's outlet for accepted changes: gathers them while the previous flush is busy and sends each batch to
/// every silo's dashboard observer and to every subscribed partner. Never blocks the caller.
/// </summary>
public interface IStatusFanout
{
    void Publish(EvseStatusChange change);

    /// <summary>Asks every partner to PUT these Locations (a structural change).</summary>
    void PublishLocationPut(string locationId, string country, bool publish);
}
