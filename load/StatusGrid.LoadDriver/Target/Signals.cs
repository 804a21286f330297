using System.Runtime.InteropServices;

namespace StatusGrid.LoadDriver.Target;

/// <summary>POSIX signals .NET has no API for (<see cref="System.Diagnostics.Process.Kill()"/> only sends SIGKILL).</summary>
internal static partial class Signals
{
    private const int SigTerm = 15;

    public static int Terminate(int pid) => Kill(pid, SigTerm);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
