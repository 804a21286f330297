using Microsoft.Extensions.Options;

namespace StatusGrid.Server.Dashboard;

/// <summary>
/// Refuses, at start, map settings the feed cannot run with: a negative or day-long wait (its <c>Task.Delay</c> would
/// throw and the feed stop), a zero aggregate interval (its timer would throw), zooms outside the map's 0–24.
/// </summary>
public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        Wait(problems, nameof(DashboardOptions.DetailInterval), options.DetailInterval, zeroAllowed: true);
        Wait(problems, nameof(DashboardOptions.MaxDetailInterval), options.MaxDetailInterval, zeroAllowed: true);
        Wait(problems, nameof(DashboardOptions.AggregateInterval), options.AggregateInterval, zeroAllowed: false);
        Range(problems, nameof(DashboardOptions.MaxDetailWritesPerSecond), options.MaxDetailWritesPerSecond, 0, int.MaxValue, "0 turns the write budget off");
        Range(problems, nameof(DashboardOptions.MaxTilesPerClient), options.MaxTilesPerClient, 1, int.MaxValue, null);
        Range(problems, nameof(DashboardOptions.DetailTileZoom), options.DetailTileZoom, 0, 24, null);
        Range(problems, nameof(DashboardOptions.DetailMinZoom), options.DetailMinZoom, 0, 24, null);
        Range(problems, nameof(DashboardOptions.MaxSearchResults), options.MaxSearchResults, 1, int.MaxValue, null);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Wait(List<string> problems, string setting, TimeSpan value, bool zeroAllowed)
    {
        if (value < TimeSpan.Zero || (!zeroAllowed && value == TimeSpan.Zero) || value > LongestWait)
        {
            problems.Add($"{DashboardOptions.SectionName}:{setting} is {value}; set a duration {(zeroAllowed ? "from 00:00:00" : "above 00:00:00")} up to {LongestWait} (hh:mm:ss.fff).");
        }
    }

    private static void Range(List<string> problems, string setting, int value, int min, int max, string? hint)
    {
        if (value < min || value > max)
        {
            var bound = max == int.MaxValue ? $"{min} or more" : $"from {min} to {max}";
            problems.Add($"{DashboardOptions.SectionName}:{setting} is {value}; set {bound}{(hint is null ? "" : $" ({hint})")}.");
        }
    }
}
