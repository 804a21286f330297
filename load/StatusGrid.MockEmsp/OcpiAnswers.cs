using System.Globalization;
using System.Text;

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
}
