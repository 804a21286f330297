namespace StatusGrid.LoadDriver.Scenarios;

/// <summary>
/// The target's resident memory just before and just after a phase's map clients connected (each has done its
/// handshake and Watch): the connection cost per client, before any traffic. The CPU per client comes from a paired
/// run (with − without clients, see <see cref="PairedComparison"/>).
/// </summary>
public sealed record ClientCost(int Count, double RssBeforeMb, double RssConnectedMb)
{
    public double KbPerClient => Count == 0 ? 0 : Math.Max(0, RssConnectedMb - RssBeforeMb) * 1024 / Count;
}
