using System.Text.Json;
using BenchmarkDotNet.Attributes;
using StatusGrid.Server.Ingest;

namespace StatusGrid.Benchmarks;

/// <summary>
/// POST /api/status before any grain call: JsonDocument parse and per-item validation (names, status, OCPI
/// DateTime, clock skew), for the driver's steady batches (50) and storm batches (1,000).
/// </summary>
[MemoryDiagnoser]
public class IngestParsingBenchmarks
{
    private byte[] _body = [];
    private DateTimeOffset _now;

    [Params(50, 1000)]
    public int Changes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _now = DateTimeOffset.UtcNow;
        _body = SampleData.IngestBody(Changes, _now.AddSeconds(-1));
    }

    [Benchmark(Description = "parse + validate a batch")]
    public int ParseBatch()
    {
        using var document = JsonDocument.Parse(_body);
        var (items, errors, _, _) = IngestParser.Parse(document, _now, TimeSpan.FromMinutes(5));
        return items!.Count + errors.Count;
    }
}
