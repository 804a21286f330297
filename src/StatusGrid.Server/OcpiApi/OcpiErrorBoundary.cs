using StatusGrid.Grains.Hosting;
using StatusGrid.Ocpi.Transport;
using StatusGrid.Server.Http;

namespace StatusGrid.Server.OcpiApi;

/// <summary>
/// A failure on an OCPI route still answers in the envelope (3000), never with an HTML or problem body: 503 with
/// Retry-After when the cluster could not serve it (<see cref="ClusterFaults"/>), 500 for a fault of our own.
/// </summary>
public sealed class OcpiErrorBoundary(ILogger<OcpiErrorBoundary> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (BadHttpRequestException)
        {
            // The request itself was unreadable (too large, malformed): a client mistake, answered 4xx by RequestLimits.
            throw;
        }
        catch (Exception ex) when (ClusterUnavailable.Is(ex) && !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return ClusterFaults.Answer(context.HttpContext, logger, ex);
        }
        catch (Exception ex) when (!context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "OCPI {Method} {Path} failed", context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            return OcpiResults.Error(context.HttpContext, OcpiStatusCode.ServerError, "Internal error; try again later",
                StatusCodes.Status500InternalServerError);
        }
    }
}
