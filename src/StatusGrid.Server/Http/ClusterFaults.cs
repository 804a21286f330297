using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using StatusGrid.Grains.Hosting;
using StatusGrid.Ocpi.Transport;
using StatusGrid.Server.OcpiApi;

namespace StatusGrid.Server.Http;

/// <summary>
/// Faults of the cluster rather than of the request or of our code: a silo or the database out of reach, a message
/// rejected or timed out. They pass once membership has moved the grain elsewhere or the database is back, so a client
/// is told to come back (503 with Retry-After), never that StatusGrid is broken (500). Which faults those are:
/// <see cref="ClusterUnavailable"/>.
/// </summary>
public static partial class ClusterFaults
{
    /// <summary>
    /// What an admin or OCPI 503 asks a client to wait: a call to a stopping silo is usually served by the grain's new
    /// activation within a second or two; a crashed silo takes membership longer to declare dead, and clients back off
    /// on repeats. Ingest has its own setting (<c>StatusGrid:Ingest:RetryAfter</c>) and OCPP stations their own pace.
    /// </summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public const string Detail = "StatusGrid could not reach the silo or database holding what this request needs (a silo may be starting, "
        + "stopping or down). The request may not have taken effect: send it again after Retry-After.";

    /// <summary>503 with Retry-After, logged: in the OCPI envelope (3000) on OCPI routes, a problem document elsewhere.</summary>
    public static IResult Answer(HttpContext context, ILogger logger, Exception fault)
    {
        LogUnavailable(logger, fault, context.Request.Method, context.Request.Path);
        context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return context.Request.Path.StartsWithSegments("/ocpi")
            ? OcpiResults.Error(context, OcpiStatusCode.ServerError, Detail, StatusCodes.Status503ServiceUnavailable)
            : Results.Problem(Detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable");
    }

    /// <summary>The answer to a cluster fault that escaped a route (admin, dashboard, health): 503, not the 500 of a bug.</summary>
    public sealed class Handler(ILogger<Handler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (!ClusterUnavailable.Is(exception) || httpContext.Response.HasStarted)
            {
                return false;
            }

            await Answer(httpContext, logger, exception).ExecuteAsync(httpContext);
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: the cluster could not serve it; answered 503")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path);
}
