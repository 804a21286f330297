using System.Text.Json;
using BenchmarkDotNet.Attributes;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Server.Dashboard;

namespace StatusGrid.Benchmarks;

/// <summary>
/// The per-batch work of the SignalR fan-out: format the items and serialize them once (SignalR then writes the same
/// bytes to every client of the silo), for a small and a large fan-out batch.
/// </summary>
[MemoryDiagnoser]
public class DashboardSerializationBenchmarks
{
    private static readonly JsonSerializerOptions SignalRJson = new(JsonSerializerDefaults.Web);
    private DashboardStatusItem[] _items = [];
    private readonly DateTimeOffset _at = DateTimeOffset.Parse("2026-11-25T10:00:00.123Z", System.Globalization.CultureInfo.InvariantCulture);

    [Params(20, 1000)]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup() => _items = Build();

    [Benchmark(Description = "format items (status name, last_updated)")]
    public DashboardStatusItem[] Format() => Build();

    [Benchmark(Description = "serialize the statusChanged argument")]
    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(_items, SignalRJson);

    private DashboardStatusItem[] Build()
    {
        var items = new DashboardStatusItem[Items];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new DashboardStatusItem("LD-000001", "LD-000001-E1", EvseStatusNames.Of(EvseStatus.Charging), OcpiDateTime.Format(_at));
        }

        return items;
    }
}
