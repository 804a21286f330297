using System.Globalization;
using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Report;

/// <summary>Number formatting shared by the console and Markdown reports (invariant culture, thousands separators).</summary>
internal static class Numbers
{
    public static string N0(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ms(double value) => value.ToString(value >= 100 ? "N0" : value >= 10 ? "N1" : "N2", CultureInfo.InvariantCulture);

    /// <summary>"p50 / p95 / p99 / max" in ms, or "–" when nothing was recorded.</summary>
    public static string Latency(LatencySummary summary) =>
        summary.Count == 0 ? "–" : $"{Ms(summary.P50)} / {Ms(summary.P95)} / {Ms(summary.P99)} / {Ms(summary.Max)}";
}
