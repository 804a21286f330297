using System.Globalization;

namespace StatusGrid.LoadDriver.Target;

/// <summary>
/// Finds the process that listens on a local TCP port (for <c>--target</c> runs against a server started elsewhere):
/// the socket inode from /proc/net/tcp{,6}, then the process holding that inode among /proc/[pid]/fd.
/// </summary>
internal static class ListeningProcess
{
    private const string ListenState = "0A";

    public static int? Find(int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (File.Exists(table))
            {
                inodes.UnionWith(ListeningInodes(File.ReadAllText(table), port));
            }
        }

        if (inodes.Count == 0)
        {
            return null;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(directory, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget is { } link && link.StartsWith("socket:[", StringComparison.Ordinal)
                        && inodes.Contains(link[8..^1]))
                    {
                        return pid;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Processes come and go, and some fd directories are not ours to read.
            }
        }

        return null;
    }

    /// <summary>Inodes of sockets in LISTEN state on <paramref name="port"/>, from the text of /proc/net/tcp.</summary>
    public static IEnumerable<string> ListeningInodes(string tableText, int port)
    {
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var line in tableText.Split('\n').Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 9 && fields[3] == ListenState && fields[1].EndsWith(":" + hexPort, StringComparison.Ordinal))
            {
                yield return fields[9];
            }
        }
    }
}
