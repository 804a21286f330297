using System.Net;
using System.Net.Sockets;

namespace StatusGrid.MockEmsp;

/// <summary>Asks the OS for unused loopback ports (bind to 0, read, release), so partner ports are known before Kestrel starts.</summary>
public static class FreeLoopbackPorts
{
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
