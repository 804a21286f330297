using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Benchmarks;

/// <summary>
/// What each partner push serializes: the EVSE status PATCH body (per change per partner) and the Location PUT body
/// (registration, structural changes, unknown object), in the partner's OCPI version.
/// </summary>
[MemoryDiagnoser]
public class OcpiSerializationBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly DateTimeOffset _lastUpdated = DateTimeOffset.Parse("2026-11-25T10:00:00.123Z", System.Globalization.CultureInfo.InvariantCulture);
    private Location _location = null!;

    [GlobalSetup]
    public void Setup() => _location = SampleData.Location(evses: 10);

    [Benchmark(Description = "EVSE status PATCH body (byte[])")]
    public byte[] StatusPatch() => LocationShapes.EvseStatusPatch(EvseStatus.Charging, _lastUpdated);

    [Benchmark(Description = "EVSE status PATCH body (pooled buffer)")]
    public int StatusPatchPooled()
    {
        _buffer.ResetWrittenCount();
        LocationShapes.WriteEvseStatusPatch(EvseStatus.Charging, _lastUpdated, _buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "Location PUT body, 10 EVSEs, OCPI 2.2.1")]
    public byte[] LocationPut221() => JsonSerializer.SerializeToUtf8Bytes(LocationShapes.ToJson(_location, OcpiVersion.V221), OcpiJson.Options);

    [Benchmark(Description = "Location PUT body, 10 EVSEs, OCPI 2.1.1")]
    public byte[] LocationPut211() => JsonSerializer.SerializeToUtf8Bytes(LocationShapes.ToJson(_location, OcpiVersion.V211), OcpiJson.Options);

    [Benchmark(Description = "OCPI DateTime format (last_updated)")]
    public string DateTimeFormat() => OcpiDateTime.Format(_lastUpdated);
}
