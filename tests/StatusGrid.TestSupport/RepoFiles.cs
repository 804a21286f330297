namespace StatusGrid.TestSupport;

/// <summary>Files of this repository, found from the test's output directory.</summary>
public static class RepoFiles
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StatusGrid.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("StatusGrid.sln not found above " + AppContext.BaseDirectory);
    }
}
