namespace StatusGrid.MockEmsp;

/// <summary>Rolls the dice for each push: how long to stall and whether to fail. Seeded per partner, so repeatable.</summary>
public sealed class FaultInjector
{
    private readonly PartnerFaults[] _faults;
    private readonly Random[] _dice;

    public FaultInjector(FleetOptions options)
    {
        _faults = [.. Enumerable.Range(0, options.Partners).Select(options.FaultsFor)];
        _dice = [.. Enumerable.Range(0, options.Partners).Select(i => new Random(options.Seed + i))];
    }

    public (TimeSpan Delay, bool Fail) Decide(int partner)
    {
        var faults = _faults[partner];
        if (faults.IsNone)
        {
            return (TimeSpan.Zero, false);
        }

        double jitter, roll;
        var dice = _dice[partner];
        lock (dice)
        {
            jitter = dice.NextDouble();
            roll = dice.NextDouble();
        }

        var delay = Math.Max(0, faults.LatencyMs + (faults.JitterMs * jitter));
        return (TimeSpan.FromMilliseconds(delay), roll < faults.ErrorRate);
    }
}
