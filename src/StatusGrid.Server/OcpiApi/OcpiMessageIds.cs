using StatusGrid.Ocpi.Transport;

namespace StatusGrid.Server.OcpiApi;

/// <summary>
/// X-Request-ID / X-Correlation-ID (2.2+): the response echoes the request's values (a new id when the client sent
/// none). 2.1.1 has neither, so 2.1.1 routes get neither.
/// </summary>
public sealed class OcpiMessageIds : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.GetRouteValue("version") as string != "2.1.1")
        {
            var requestId = http.Request.Headers[OcpiHeaders.RequestId].ToString();
            var correlationId = http.Request.Headers[OcpiHeaders.CorrelationId].ToString();
            http.Response.Headers[OcpiHeaders.RequestId] = requestId.Length > 0 ? requestId : OcpiMessageId.New();
            http.Response.Headers[OcpiHeaders.CorrelationId] = correlationId.Length > 0 ? correlationId : http.Response.Headers[OcpiHeaders.RequestId].ToString();
        }

        return next(context);
    }
}
