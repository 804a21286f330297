using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Transport;

namespace StatusGrid.Server.OcpiApi;

/// <summary>Every OCPI answer is an envelope (data, status_code, status_message, timestamp), errors included.</summary>
public static class OcpiResults
{
    public static IResult Ok<T>(HttpContext context, T data, string? message = null) =>
        Results.Json(OcpiResponse.Success(data, Now(context), message), OcpiJson.Options);

    /// <summary>Success without data (e.g. DELETE): the spec leaves data unspecified, so it is left out.</summary>
    public static IResult Ok(HttpContext context, string? message = null) =>
        Results.Json(OcpiResponse.Success(Now(context), message), OcpiJson.Options);

    /// <summary>An OCPI error; HTTP 200 unless the transport layer says otherwise (400, 401, 404, 405).</summary>
    public static IResult Error(HttpContext context, int ocpiStatus, string message, int httpStatus = StatusCodes.Status200OK) =>
        Results.Json(OcpiResponse.Error(ocpiStatus, message, Now(context)), OcpiJson.Options, statusCode: httpStatus);

    public static IResult Unauthorized(HttpContext context, string message)
    {
        context.Response.Headers.WWWAuthenticate = "Token";
        return Error(context, OcpiStatusCode.ClientError, message, StatusCodes.Status401Unauthorized);
    }

    public static IResult MethodNotAllowed(HttpContext context, string message) =>
        Error(context, OcpiStatusCode.ClientError, message, StatusCodes.Status405MethodNotAllowed);

    /// <summary>Unknown object on a GET: HTTP 404 (the maintainers' preference) with an OCPI body saying what is unknown.</summary>
    public static IResult NotFound(HttpContext context, string message) =>
        Error(context, OcpiStatusCode.UnknownLocation, message, StatusCodes.Status404NotFound);

    private static DateTimeOffset Now(HttpContext context) =>
        context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
}
