using Microsoft.Extensions.Options;

namespace StatusGrid.Server.Hosting;

/// <summary>
/// Refuses, at start, request limits the server cannot run with: a body limit of zero or less (every request of that
/// kind would be a 413), and a read timeout that is not positive (every admin and OCPI read would fail) or longer
/// than Orleans' own 30-s response timeout (it would never bind).
/// </summary>
public sealed class RequestLimitOptionsValidator : IValidateOptions<RequestLimitOptions>
{
    private static readonly TimeSpan LongestRead = TimeSpan.FromSeconds(30);

    public ValidateOptionsResult Validate(string? name, RequestLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        Bytes(problems, nameof(RequestLimitOptions.IngestBodyBytes), options.IngestBodyBytes);
        Bytes(problems, nameof(RequestLimitOptions.OcpiBodyBytes), options.OcpiBodyBytes);
        Bytes(problems, nameof(RequestLimitOptions.ImportBodyBytes), options.ImportBodyBytes);
        Bytes(problems, nameof(RequestLimitOptions.DefaultBodyBytes), options.DefaultBodyBytes);
        if (options.ClusterReadTimeout <= TimeSpan.Zero || options.ClusterReadTimeout > LongestRead)
        {
            problems.Add($"{RequestLimitOptions.SectionName}:{nameof(RequestLimitOptions.ClusterReadTimeout)} is {options.ClusterReadTimeout}; "
                + $"set a duration above 00:00:00 up to {LongestRead} (hh:mm:ss.fff).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Bytes(List<string> problems, string setting, long value)
    {
        if (value <= 0)
        {
            problems.Add($"{RequestLimitOptions.SectionName}:{setting} is {value}; set a number of bytes above 0.");
        }
    }
}
