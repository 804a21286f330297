using System.Net;
using System.Net.Sockets;

namespace StatusGrid.TestSupport;

public static class FreePort
{
    /// <summary>A TCP port free on loopback right now (for silo and gateway endpoints, which need fixed numbers).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
