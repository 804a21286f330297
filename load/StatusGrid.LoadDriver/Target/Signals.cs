using System.Diagnostics;

namespace StatusGrid.LoadDriver.Target;

/// <summary>POSIX signals .NET has no API for (<see cref="Process.Kill()"/> only sends SIGKILL): through kill(1).</summary>
internal static class Signals
{
    public static int Terminate(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not run kill(1).");
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
