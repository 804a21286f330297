using System.Net;
using System.Net.Sockets;
using System.Text;
using StatusGrid.Ocpi.Transport;

namespace StatusGrid.Ocpi.Tests.Transport;

/// <summary>
/// A partner that sends its answer's headers and then nothing more. The request is sent with
/// <see cref="HttpCompletionOption.ResponseHeadersRead"/>, after which <see cref="HttpClient.Timeout"/> no longer
/// applies to reading the body: without a bound of the transport's own, the push waited for ever, holding that EVSE's
/// slot (or an ordered partner's whole lane). Found by reading the code.
/// </summary>
public sealed class StalledAnswerTests
{
    /// <summary>Far above the client timeout used here, far below for ever: a hang fails the test instead of the run.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"status_code\":")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"status_code\":1")]
    public async Task An_answer_whose_body_stops_coming_is_a_timeout_within_the_clients_timeout(string headersThenSilence)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = StallAsync(listener, headersThenSilence);
        using var client = new HttpClient { Timeout = TimeSpan.FromMilliseconds(500) };
        var request = new OcpiOutboundRequest(HttpMethod.Patch, new Uri($"http://127.0.0.1:{port}/ocpi/2.2.1/locations/NL/SGR/L1/E1"),
            "token-1", OcpiVersion.V221, Body: "{}"u8.ToArray());

        var exchange = await OcpiTransport.SendAsync(client, request, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(OcpiOutcome.Timeout, exchange.Outcome);
        listener.Stop();
        await server;
    }

    [Fact]
    public async Task The_callers_own_cancellation_still_propagates()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = StallAsync(listener, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var request = new OcpiOutboundRequest(HttpMethod.Get, new Uri($"http://127.0.0.1:{port}/ocpi/versions"), "token-1", OcpiVersion.V221);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => OcpiTransport.SendAsync(client, request, cancel.Token).WaitAsync(Patience));
        listener.Stop();
        await server;
    }

    /// <summary>Reads the request, answers with the given start, then keeps the connection open and silent until the test ends.</summary>
    private static async Task StallAsync(TcpListener listener, string answerStart)
    {
        try
        {
            using var socket = await listener.AcceptSocketAsync();
            var buffer = new byte[8192];
            _ = await socket.ReceiveAsync(buffer, SocketFlags.None);
            await socket.SendAsync(Encoding.ASCII.GetBytes(answerStart), SocketFlags.None);
            // Silent, connection open: the client has to give up by itself.
            _ = await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(Patience);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or TimeoutException)
        {
        }
    }
}
