using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using StatusGrid.Ocpi.Transport;
using StatusGrid.Server.OcpiApi;

namespace StatusGrid.Server.Hosting;

/// <summary>
/// Per-route body limits (<see cref="RequestLimitOptions"/>), and the answer to every request the server could not
/// even read: 413 naming the limit, 400 for a malformed request, in the OCPI envelope on OCPI routes. Nothing a client
/// sends can turn into a 500 on the way in.
/// </summary>
public static class RequestLimits
{
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limits = context.RequestServices.GetRequiredService<IOptionsMonitor<RequestLimitOptions>>().CurrentValue;
        var (bytes, setting) = limits.For(context.Request.Path);
        if (context.Request.ContentLength > bytes)
        {
            await TooLarge(context, bytes, setting).ExecuteAsync(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = bytes;
        }

        await next(context);
    });

    /// <summary>Answers what Kestrel or parameter binding threw about the request itself (BadHttpRequestException).</summary>
    public sealed class BadRequestHandler : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
            {
                return false;
            }

            var limits = httpContext.RequestServices.GetRequiredService<IOptionsMonitor<RequestLimitOptions>>().CurrentValue;
            var (bytes, setting) = limits.For(httpContext.Request.Path);
            var result = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(httpContext, bytes, setting)
                : Malformed(httpContext, bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest);
            await result.ExecuteAsync(httpContext);
            return true;
        }
    }

    public static IResult TooLarge(HttpContext context, long bytes, string setting)
    {
        var detail = $"The body is larger than this route's limit of {RequestLimitOptions.Describe(bytes)} (StatusGrid:Limits:{setting}).";
        return context.Request.Path.StartsWithSegments("/ocpi")
            ? OcpiResults.Error(context, OcpiStatusCode.ClientError, detail, StatusCodes.Status413PayloadTooLarge)
            : Results.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");
    }

    private static IResult Malformed(HttpContext context, int status)
    {
        // The exception text may quote the client's input at any length: it is not repeated.
        const string detail = "The request could not be read: check the query parameters, headers and body.";
        return context.Request.Path.StartsWithSegments("/ocpi")
            ? OcpiResults.Error(context, OcpiStatusCode.InvalidOrMissingParameters, detail, status)
            : Results.Problem(detail, statusCode: status, title: "Bad request");
    }
}
