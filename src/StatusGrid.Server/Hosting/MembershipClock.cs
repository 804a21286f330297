using System.Diagnostics;

namespace StatusGrid.Server.Hosting;

/// <summary>
/// The clock of Orleans' membership area (<c>TimeProviderNames.Membership</c>), with timestamps counted from silo start
/// instead of from machine boot.
/// </summary>
/// <remarks>
/// Why: Orleans' <c>Watchdog.Start</c> starts its platform thread before it sets the component check's timestamp. On
/// a busy machine the platform thread's first check runs in between, reads the timestamp as 0 and computes the time
/// since timestamp 0: with the system clock that is the machine's uptime, logged as "Participant check thread has not
/// completed for 00:06:28 … deadlock, CPU starvation" on a healthy start. Counted from silo start, an unset timestamp
/// reads as a few seconds, under the threshold (twice <c>LocalHealthDegradationMonitoringPeriod</c>), so that false
/// alarm goes while a real stall later is still reported. Only differences of timestamps mean anything, so moving
/// the origin changes nothing else; wall-clock time and timers are the system's.
/// </remarks>
internal sealed class MembershipClock : TimeProvider
{
    private readonly long _origin = Stopwatch.GetTimestamp();

    public override long TimestampFrequency => Stopwatch.Frequency;

    public override long GetTimestamp() => Stopwatch.GetTimestamp() - _origin;
}
