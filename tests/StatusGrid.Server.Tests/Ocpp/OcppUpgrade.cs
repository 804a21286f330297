using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace StatusGrid.Server.Tests.Ocpp;

/// <summary>
/// A raw OCPP WebSocket upgrade as an HttpRequestMessage: the answer to a refused one (401, 503) is then an ordinary
/// HTTP response whose status and headers a test can read, which ClientWebSocket hides behind an exception.
/// </summary>
internal static class OcppUpgrade
{
    public static HttpRequestMessage Request(string identity, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/ocpp/" + identity);
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new ProductHeaderValue("websocket"));
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
        request.Headers.Add("Sec-WebSocket-Protocol", "ocpp1.6");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(identity + ":" + password)));
        return request;
    }
}
