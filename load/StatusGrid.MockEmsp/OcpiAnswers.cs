using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace StatusGrid.MockEmsp;

/// <summary>The OCPI envelope a receiver answers with. Cached per second: the timestamp has second precision anyway.</summary>
internal static class OcpiAnswers
{
    private static (long Second, byte[] Body) _success = (-1, []);

    public static byte[] Success()
    {
        var now = DateTimeOffset.UtcNow;
        var second = now.ToUnixTimeSeconds();
        var cached = _success;
        if (cached.Second == second)
        {
            return cached.Body;
        }

        var body = Encoding.UTF8.GetBytes(
            $"{{\"status_code\":1000,\"status_message\":\"Success\",\"timestamp\":\"{now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}\"}}");
        _success = (second, body);
        return body;
    }

    /// <summary>What a receiver that keeps copies answers (with HTTP 404) for a Location or EVSE it does not hold.</summary>
    public static IResult UnknownObject() => Results.Json(
        new { status_code = 2003, status_message = "Unknown location or EVSE", timestamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) },
        statusCode: StatusCodes.Status404NotFound);
}
