namespace StatusGrid.Contracts.ChargePoints;

/// <summary>The WebSocket of one charge point, on whichever silo accepted it.</summary>
public interface IChargePointSession : IGrainObserver
{
    /// <summary>A newer connection of the same identity took over (or the charge point was removed): close.</summary>
    Task Close(string reason);
}
