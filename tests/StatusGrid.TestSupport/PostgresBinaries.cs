namespace StatusGrid.TestSupport;

/// <summary>Finds initdb and pg_ctl: on PATH, else the newest /usr/lib/postgresql/*/bin (Debian/Ubuntu layout).</summary>
internal static class PostgresBinaries
{
    public static string FindDirectory()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var directory in onPath)
        {
            if (HasBinaries(directory))
            {
                return directory;
            }
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(d => Path.Combine(d, "bin"))
                .Where(HasBinaries)
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var major) ? major : 0)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or in /usr/lib/postgresql/*/bin. "
            + "Install them (Debian/Ubuntu: apt-get install postgresql), or set STATUSGRID_TEST_PG to the connection "
            + "string of an existing server whose user may create databases.");
    }

    private static bool HasBinaries(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));
}
