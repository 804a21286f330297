using Microsoft.Extensions.Options;

namespace StatusGrid.Server.Ingest;

/// <summary>
/// Refuses, at start, ingest settings that would break every report: a batch size below 1 (every batch a 413), a
/// negative clock skew (every report in the future), a grain timeout that is not positive (every batch a 500) and
/// durations so long they overflow the clock arithmetic or outlast any client's wait.
/// </summary>
public sealed class IngestOptionsValidator : IValidateOptions<IngestOptions>
{
    private static readonly TimeSpan LongestSkew = TimeSpan.FromDays(1);

    // Longer than HTTP clients wait (HttpClient gives up after 100 s): the answer would reach nobody.
    private static readonly TimeSpan LongestGrainTimeout = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.MaxBatchSize < 1)
        {
            problems.Add($"{IngestOptions.SectionName}:{nameof(IngestOptions.MaxBatchSize)} is {options.MaxBatchSize}; set 1 or more.");
        }

        Duration(problems, nameof(IngestOptions.MaxClockSkew), options.MaxClockSkew, zeroAllowed: true, LongestSkew);
        Duration(problems, nameof(IngestOptions.GrainTimeout), options.GrainTimeout, zeroAllowed: false, LongestGrainTimeout);
        Duration(problems, nameof(IngestOptions.RetryAfter), options.RetryAfter, zeroAllowed: false, LongestRetryAfter);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Duration(List<string> problems, string setting, TimeSpan value, bool zeroAllowed, TimeSpan longest)
    {
        if (value < TimeSpan.Zero || (!zeroAllowed && value == TimeSpan.Zero) || value > longest)
        {
            problems.Add($"{IngestOptions.SectionName}:{setting} is {value}; set a duration {(zeroAllowed ? "from 00:00:00" : "above 00:00:00")} up to {longest} (hh:mm:ss.fff).");
        }
    }
}
