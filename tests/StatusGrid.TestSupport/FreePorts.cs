using System.Net;
using System.Net.Sockets;

namespace StatusGrid.TestSupport;

/// <summary>Picks free loopback TCP ports for servers started by tests (small race window, acceptable in tests).</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
