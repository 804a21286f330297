namespace StatusGrid.Load.Tests;

internal static class RepoRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StatusGrid.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("StatusGrid.sln not found above " + AppContext.BaseDirectory);
    }
}
