using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// After a crash, the next activation holds its sends for one request timeout. A request the dead silo sent just before
/// it died can still be in the partner's hands: the partner applies it when it gets to it, after the dead sender stopped
/// waiting. If the next activation sent a newer state of that EVSE meanwhile, the late request would put the partner
/// back on the older one. In the test cluster a new activation sends within 0.2 s of a kill; a single-silo restart takes
/// a few seconds. A sender never waits longer than the request timeout for an answer, and StatusGrid already assumes
/// a request is applied within it or not at all (its retries rely on that). So holding sends for that long is enough.
/// It counts from the earliest moment known to be after the dead silo stopped: when this silo saw it Dead
/// (<see cref="SiloDeaths"/>), or this process's start when it was an earlier run of this same silo, else now
/// (<see cref="CrashHold"/>).
/// An activation that stopped cleanly, with nothing in flight, says so in the partner's state, and its successor
/// does not wait.
/// </summary>
/// <remarks>
/// This does not guard against a silo that is declared dead while it still runs (a long pause, a partition). It
/// goes on sending until it learns it is dead, and Orleans then stops it. OCPI has no fencing token a partner could
/// check, so no sender-side rule closes that window.
/// </remarks>
public sealed partial class PartnerGrain
{
    private DateTimeOffset _sendAfter;

    private bool SendsHeld(DateTimeOffset now) => now < _sendAfter;

    /// <summary>On activation, before anything is sent: holds sends if the previous activation crashed, and records this one.</summary>
    private async Task ClaimSendingAsync()
    {
        var predecessor = state.State.RunningOn;
        var self = ServiceProvider.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        state.State.RunningOn = self.ToParsableString(); // every later write of the state carries it (Configure of a new partner too)
        if (state.State.Config is null)
        {
            return; // nothing stored, so nothing was ever sent
        }

        var now = time.GetUtcNow();
        var processStartedAt = now - (DateTime.UtcNow - Process.GetCurrentProcess().StartTime.ToUniversalTime());
        var deaths = ServiceProvider.GetRequiredService<SiloDeaths>();
        _sendAfter = CrashHold.Until(predecessor, self, Options.RequestTimeout, now, processStartedAt, deaths.SeenDeadAt);
        if (_sendAfter > now && Receiving is not null)
        {
            LogHeldAfterCrash(logger, PartnerId, predecessor!, (_sendAfter - now).TotalSeconds);
        }

        await WriteStateAsync();
    }

    /// <summary>On a clean stop: nothing is in flight, so the next activation need not wait.</summary>
    private async Task ReleaseSendingAsync()
    {
        if (state.State.Config is null || _pipeline.InFlight + _ordered.InFlight > 0)
        {
            return; // removed, or requests still out: the next activation waits for them
        }

        state.State.RunningOn = null;
        try
        {
            await WriteStateAsync();
        }
        catch (Exception ex)
        {
            // The next activation then waits one request timeout for nothing; nothing is lost.
            logger.LogWarning(ex, "Could not record the clean stop of partner {PartnerId}", PartnerId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Partner {PartnerId}: its previous activation on {Silo} did not stop cleanly; sends wait {Seconds:0.0} s for its requests still on the network")]
    private static partial void LogHeldAfterCrash(ILogger logger, string partnerId, string silo, double seconds);
}
