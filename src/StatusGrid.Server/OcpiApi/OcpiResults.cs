using StatusGrid.Ocpi.Transport;

namespace StatusGrid.Server.OcpiApi;

/// <summary>
/// Every OCPI answer is an envelope (data, status_code, status_message, timestamp), errors included: these make the
/// typed results (<see cref="OcpiOk{T}"/>, <see cref="OcpiError"/>), stamped with the host's <see cref="TimeProvider"/>.
/// </summary>
public static class OcpiResults
{
    public static OcpiOk<T> Ok<T>(HttpContext context, T data, string? message = null) =>
        new(OcpiResponse.Success(data, Now(context), message));

    /// <summary>Success without data (e.g. DELETE): the spec leaves data unspecified, so it is left out.</summary>
    public static OcpiOk<object> Ok(HttpContext context, string? message = null) =>
        new(OcpiResponse.Success(Now(context), message));

    /// <summary>An OCPI error; HTTP 200 unless the transport layer says otherwise (400, 401, 404, 405).</summary>
    public static OcpiError Error(HttpContext context, int ocpiStatus, string message, int httpStatus = StatusCodes.Status200OK) =>
        new(OcpiResponse.Error(ocpiStatus, message, Now(context)), httpStatus);

    /// <summary>HTTP 401 with <c>WWW-Authenticate: Token</c>.</summary>
    public static OcpiError Unauthorized(HttpContext context, string message) =>
        Error(context, OcpiStatusCode.ClientError, message, StatusCodes.Status401Unauthorized);

    /// <summary>HTTP 405 with <c>Allow</c> naming the methods that would be accepted now.</summary>
    public static OcpiError MethodNotAllowed(HttpContext context, string message, string allow)
    {
        context.Response.Headers.Allow = allow;
        return Error(context, OcpiStatusCode.ClientError, message, StatusCodes.Status405MethodNotAllowed);
    }

    /// <summary>HTTP 429 with <c>Retry-After</c> (whole seconds, at least 1): a rate limit or the failed-authentication limit.</summary>
    public static OcpiError TooManyRequests(HttpContext context, string message, int retryAfterSeconds)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, retryAfterSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Error(context, OcpiStatusCode.ServerError, message, StatusCodes.Status429TooManyRequests);
    }

    /// <summary>Unknown object on a GET: HTTP 404 (the maintainers' preference) with an OCPI body saying what is unknown.</summary>
    public static OcpiError NotFound(HttpContext context, string message) =>
        Error(context, OcpiStatusCode.UnknownLocation, message, StatusCodes.Status404NotFound);

    private static DateTimeOffset Now(HttpContext context) =>
        context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
}
