namespace StatusGrid.LoadDriver.Target;

/// <summary>
/// What the target used during a measured window. CPU in percent of one core (a 2-core machine tops out at 200);
/// the driver's own share is reported next to it because both run on the same cores. Machine busy is percent of all
/// cores; "others" is what neither the target nor the driver used (other processes disturbing the run), per core.
/// </summary>
public sealed record ResourceUsage(
    double TargetCpuAvgPercent,
    double TargetCpuPeakPercent,
    double TargetRssPeakMb,
    double TargetRssEndMb,
    double DriverCpuAvgPercent,
    double MachineBusyAvgPercent,
    double OthersCpuAvgPercent)
{
    public static readonly ResourceUsage None = new(0, 0, 0, 0, 0, 0, 0);
}
