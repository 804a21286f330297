using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Transport;

namespace StatusGrid.Server.OcpiApi;

/// <summary>
/// An OCPI success: the envelope with status 1000 and <typeparamref name="T"/> as data, HTTP 200. Written with the
/// OCPI serializer settings (snake_case, no nulls), not the API's, which is why <c>TypedResults.Ok</c> does not do.
/// </summary>
public sealed class OcpiOk<T> : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<OcpiResponse<T>>, IEndpointMetadataProvider
{
    internal OcpiOk(OcpiResponse<T> value) => Value = value;

    public OcpiResponse<T> Value { get; }

    object? IValueHttpResult.Value => Value;

    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Json(Value, OcpiJson.Options).ExecuteAsync(httpContext);

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(OcpiResponse<T>), ["application/json"]));
    }
}
