namespace StatusGrid.LoadDriver.Target;

/// <summary>Where the built server and baseline live, found from the driver's own location inside the repository.</summary>
internal static class RepoPaths
{
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StatusGrid.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("StatusGrid.sln not found above " + AppContext.BaseDirectory + "; run the driver from the repository.");
    }

    public static string ServerDll() => Built("src/StatusGrid.Server", "StatusGrid.Server.dll");

    public static string BaselineDll() => Built("load/StatusGrid.Baseline", "StatusGrid.Baseline.dll");

    /// <summary>Release build output; launching a Debug build would measure the wrong thing, so it is not searched.</summary>
    private static string Built(string project, string dll)
    {
        var path = Path.Combine(Root(), project, "bin", "Release", "net10.0", dll);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: run 'dotnet build -c Release StatusGrid.sln' first.");
    }
}
