using System.Globalization;
using Microsoft.Extensions.Options;
using StatusGrid.Server.Hosting;

namespace StatusGrid.Server.Http;

/// <summary>
/// The one bound on a request's grain reads (<see cref="RequestLimitOptions.ClusterReadTimeout"/>). A read that misses
/// it throws <see cref="TimeoutException"/> naming what did not answer and the setting, which
/// <see cref="ClusterFaults"/> answers 503 with Retry-After (OCPI 3000 on OCPI routes). The abandoned call still
/// completes or times out inside Orleans; nothing waits for it.
/// </summary>
public sealed class ClusterReads(IOptionsMonitor<RequestLimitOptions> options, TimeProvider time)
{
    public TimeSpan Timeout => options.CurrentValue.ClusterReadTimeout;

    public async Task<T> Read<T>(Task<T> read, string what)
    {
        var timeout = Timeout;
        try
        {
            return await read.WaitAsync(timeout, time);
        }
        catch (TimeoutException) when (!read.IsCompleted)
        {
            // Observe the call's own outcome later, so a fault after we gave up is not an unobserved task exception.
            _ = read.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw new TimeoutException(NoAnswer(what, timeout));
        }
    }

    public static string NoAnswer(string what, TimeSpan timeout) =>
        $"{what} did not answer within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s "
        + "(StatusGrid:Limits:ClusterReadTimeout): a silo may be down or the grain busy; ask again shortly.";
}
