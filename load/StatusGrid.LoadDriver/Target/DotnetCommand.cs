using System.Diagnostics;

namespace StatusGrid.LoadDriver.Target;

/// <summary>How the driver starts a .NET process of its own (servers, the map-clients child).</summary>
internal static class DotnetCommand
{
    /// <summary>
    /// <c>dotnet</c>, or <c>nice -n 19 dotnet</c> for a process that must take only the CPU the others leave: niced from
    /// its start, so every thread the runtime creates inherits the priority (Linux sets it per thread). The caller adds
    /// the dll and its arguments.
    /// </summary>
    public static ProcessStartInfo StartInfo(bool nice)
    {
        var info = new ProcessStartInfo(nice ? "nice" : "dotnet") { UseShellExecute = false };
        if (nice)
        {
            foreach (var argument in new[] { "-n", "19", "dotnet" })
            {
                info.ArgumentList.Add(argument);
            }
        }

        return info;
    }
}
