using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Transport;

namespace StatusGrid.Server.OcpiApi;

/// <summary>
/// An OCPI error: the envelope with a 2xxx/3xxx status and no data, under the HTTP status the transport layer gives
/// that error (200 for a well-formed request OCPI refuses, 400, 401, 404, 405, ...). The HTTP status varies per error,
/// so this type declares no response metadata of its own; <see cref="OcpiOk{T}"/> documents the success.
/// </summary>
public sealed class OcpiError : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<OcpiResponse<object>>
{
    internal OcpiError(OcpiResponse<object> value, int statusCode)
    {
        Value = value;
        StatusCode = statusCode;
    }

    public OcpiResponse<object> Value { get; }

    object? IValueHttpResult.Value => Value;

    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (StatusCode == StatusCodes.Status401Unauthorized)
        {
            // The OCPI credentials scheme (RFC 9110: a 401 names the scheme it wants).
            httpContext.Response.Headers.WWWAuthenticate = "Token";
        }

        return TypedResults.Json(Value, OcpiJson.Options, statusCode: StatusCode).ExecuteAsync(httpContext);
    }
}
