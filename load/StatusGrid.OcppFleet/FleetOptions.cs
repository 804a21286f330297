namespace StatusGrid.OcppFleet;

public sealed record FleetOptions(
    string ServerDll, int ChargePoints, double Rate, int Seconds, bool Storm, int StormLimitSeconds, int Port, string? DataDirectory, bool SetupOnly)
{
    public static FleetOptions Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var root = FindRoot();
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return new FleetOptions(
            Get("server-dll", Path.Combine(root, "src/StatusGrid.Server/bin/Release/net10.0/StatusGrid.Server.dll")),
            int.Parse(Get("charge-points", "2000"), inv),
            double.Parse(Get("rate", "500"), inv),
            int.Parse(Get("seconds", "30"), inv),
            bool.Parse(Get("storm", "true")),
            int.Parse(Get("storm-limit-seconds", "60"), inv),
            int.Parse(Get("port", "0"), inv) is > 0 and var port ? port : FreePort(),
            Get("data-dir", "") is { Length: > 0 } dir ? Path.GetFullPath(dir) : null,
            args.Contains("--setup-only"));
    }

    /// <summary>A free loopback port whose next two are free too (the silo and gateway ports).</summary>
    private static int FreePort()
    {
        while (true)
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (port < 65000 && Enumerable.Range(1, 2).All(d => IsFree(port + d)))
            {
                return port;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StatusGrid.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
