using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace StatusGrid.Server.Tests.Cluster;

/// <summary>
/// Connects to a silo or gateway port the way an intruder would: plain TCP, or TLS with a given client certificate
/// (accepting whatever the server presents), then sends bytes and waits for an answer or a close.
/// </summary>
public static class TlsProbe
{
    /// <summary>
    /// True when the server ends the connection: the handshake fails, or (TLS 1.3 checks the client's certificate
    /// after the client considers the handshake done) the first read ends or fails. False when the connection is
    /// still open after <paramref name="patience"/> (default 10 s, generous for a busy machine): the server waits for
    /// the Orleans preamble, as it does for a member.
    /// </summary>
    public static async Task<bool> IsCutOffAsync(IPEndPoint endpoint, X509Certificate2? certificate, TimeSpan? patience = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint);
        Stream stream = tcp.GetStream();
        await using var _ = stream;
        using var timeout = new CancellationTokenSource(patience ?? TimeSpan.FromSeconds(10));
        try
        {
            if (certificate is not null)
            {
                // An intruder takes whatever certificate the server shows; the question is whether the server takes its.
                var tls = new SslStream(stream, leaveInnerStreamOpen: false, (_, serverCertificate, _, _) => serverCertificate is not null);
                stream = tls;
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = "statusgrid-cluster",
                    ClientCertificates = [certificate],
                }, timeout.Token);
            }
            else
            {
                // Not a TLS ClientHello: what an Orleans silo or client without TLS sends first.
                await stream.WriteAsync(new byte[] { 0, 0, 0, 16, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }, timeout.Token);
            }

            var buffer = new byte[1];
            return await stream.ReadAsync(buffer, timeout.Token) == 0;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or SocketException)
        {
            return true;
        }
    }
}
