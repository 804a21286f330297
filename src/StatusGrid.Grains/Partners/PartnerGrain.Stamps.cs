using Microsoft.Extensions.Logging;
using StatusGrid.Contracts.Partners;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Partners;

/// <summary>The <c>last_updated</c> of the Location PUTs this partner is sent (<see cref="SentStamps"/>).</summary>
public sealed partial class PartnerGrain
{
    /// <summary>The writes that store minted floors, shared by the PUTs that wait for them at once.</summary>
    private SharedWrites? _floorWrites;

    /// <summary><see cref="SentStamps.Changes"/> as of the floors last stored.</summary>
    private long _floorsStored;

    /// <summary>
    /// The Location as its PUT to this partner carries it. A stamp minted for it (a filter change's PUT, a 2.1.1
    /// withdrawal or the Location back after one) is stored before the PUT goes: a later activation, on any silo and
    /// whatever its clock, then never sends that Location older. Not stored, the PUT does not go (it is retried).
    /// </summary>
    private async Task<Location> StampedAsync(PartnerConfig config, Location location)
    {
        var owed = _pipeline.Epochs.IsOwed(location.Id);
        var stamped = _pipeline.Stamps.Stamp(location, owed, OcpiPushClient.RetiresEvses(config, location), time.GetUtcNow(), out var minted);
        if (minted)
        {
            await SaveSentStampsAsync(location.Id, stamped.LastUpdated);
        }

        return stamped;
    }

    private async Task SaveSentStampsAsync(string locationId, DateTimeOffset stamp)
    {
        _floorWrites ??= new SharedWrites(WriteStateAsync); // each write stores the floors (WriteStateAsync)
        try
        {
            await _floorWrites.StoreAsync();
        }
        catch (Exception ex)
        {
            LogStampNotStored(logger, ex, PartnerId, locationId, stamp);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partner {PartnerId}: the stamp {Stamp} minted for location {LocationId} could not be stored; its PUT waits")]
    private static partial void LogStampNotStored(ILogger logger, Exception ex, string partnerId, string locationId, DateTimeOffset stamp);
}
