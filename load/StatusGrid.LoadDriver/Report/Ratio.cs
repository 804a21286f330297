namespace StatusGrid.LoadDriver.Report;

/// <summary>StatusGrid's figure relative to the baseline's on the same machine in the same run.</summary>
internal static class Ratio
{
    /// <summary>statusGrid / baseline; null when either is missing or the baseline is zero.</summary>
    public static double? Of(double statusGrid, double baseline) =>
        baseline > 0 && statusGrid >= 0 && !double.IsNaN(statusGrid) ? statusGrid / baseline : null;

    public static string Format(double? ratio) =>
        ratio is { } r ? r.ToString(r >= 10 ? "0" : "0.00", System.Globalization.CultureInfo.InvariantCulture) + "×" : "n/a";
}
