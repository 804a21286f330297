using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Server.Demo;

/// <summary>
/// How a simulated charger's status moves: a small Markov chain, asked once per simulated event of one EVSE. Mostly
/// AVAILABLE and CHARGING (a session starts, ends), sometimes RESERVED, rarely OUTOFORDER, and a fault recovers. Its
/// stationary shares are about 53 % AVAILABLE, 42 % CHARGING, 3 % RESERVED and 1 % OUTOFORDER. (The earlier uniform
/// pick over a list that held OUTOFORDER once in six left one charger in six out of order.)
/// </summary>
public static class DemoStatusModel
{
    /// <summary>The next status of an EVSE now in <paramref name="current"/>; the same status means nothing happened.</summary>
    public static EvseStatus Next(EvseStatus current, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var p = random.NextDouble();
        return current switch
        {
            EvseStatus.Charging => p < 0.8 ? EvseStatus.Available : EvseStatus.Charging,
            EvseStatus.Reserved => p < 0.5 ? EvseStatus.Charging : EvseStatus.Available,
            // Faults are repaired: half of the events of a broken charger bring it back.
            EvseStatus.OutOfOrder or EvseStatus.Inoperative => p < 0.5 ? EvseStatus.Available : current,
            // Available, or anything the document started with (UNKNOWN in the demo file).
            _ => p switch
            {
                < 0.6 => EvseStatus.Charging,
                < 0.66 => EvseStatus.Reserved,
                < 0.67 => EvseStatus.OutOfOrder,
                _ => EvseStatus.Available,
            },
        };
    }
}
