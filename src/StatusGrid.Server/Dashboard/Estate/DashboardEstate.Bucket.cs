using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Server.Dashboard.Estate;

/// <summary>One tile's counts: locations, EVSEs by status, and the sums its aggregate point is placed by.</summary>
public sealed partial class DashboardEstate
{
    private sealed class Bucket
    {
        public HashSet<string> Ids { get; } = new(StringComparer.OrdinalIgnoreCase);

        public int[] Counts { get; } = new int[StatusCount];

        public int Locations { get; set; }

        public double SumLatitude { get; set; }

        public double SumLongitude { get; set; }

        public int Evses => Counts.Sum();

        public void Add(Bucket other)
        {
            Locations += other.Locations;
            SumLatitude += other.SumLatitude;
            SumLongitude += other.SumLongitude;
            for (var i = 0; i < Counts.Length; i++)
            {
                Counts[i] += other.Counts[i];
            }
        }

        public Dictionary<string, int> Named() => Enum.GetValues<EvseStatus>()
            .Where(s => Counts[(int)s] > 0)
            .ToDictionary(s => EvseStatusNames.Of(s), s => Counts[(int)s]);
    }
}
