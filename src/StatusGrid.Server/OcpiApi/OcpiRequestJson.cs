using System.Text.Json;
using System.Text.Unicode;
using StatusGrid.Ocpi.Transport;
using StatusGrid.Server.Http;

namespace StatusGrid.Server.OcpiApi;

/// <summary>Reads an OCPI request body as JSON; a body that is not JSON gets an OCPI 2001 answer with HTTP 400.</summary>
internal static class OcpiRequestJson
{
    /// <returns>The document (the caller disposes it), or the answer saying why the body is not JSON.</returns>
    public static async Task<(JsonDocument? Document, OcpiError? Invalid)> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(context.Request, cancellationToken);
        if (!Utf8.IsValid(body.Span))
        {
            return (null, OcpiResults.Error(context, OcpiStatusCode.InvalidOrMissingParameters, "The body is not valid JSON: it is not UTF-8", StatusCodes.Status400BadRequest));
        }

        try
        {
            return (JsonDocument.Parse(body), null);
        }
        catch (JsonException ex)
        {
            return (null, OcpiResults.Error(context, OcpiStatusCode.InvalidOrMissingParameters, $"The body is not valid JSON: {ex.Message}", StatusCodes.Status400BadRequest));
        }
    }
}
