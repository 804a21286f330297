using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Cli;

/// <summary>Fault options shared by <c>fleet</c> and <c>run</c>: comma lists give one value per partner.</summary>
internal static class FleetArguments
{
    public static IReadOnlyList<PartnerFaults> Faults(CommandLine line, int partners)
    {
        var latency = line.Doubles("latency-ms", 0);
        var jitter = line.Doubles("jitter-ms", 0);
        var errors = line.Doubles("error-rate", 0);
        if (errors.Any(e => e is < 0 or > 1))
        {
            throw new ArgumentException("--error-rate is a fraction between 0 and 1.");
        }

        static double At(IReadOnlyList<double> values, int i) => values[Math.Min(i, values.Count - 1)];
        return [.. Enumerable.Range(0, Math.Max(1, partners)).Select(i => new PartnerFaults(At(latency, i), At(jitter, i), At(errors, i)))];
    }
}
