using System.Runtime.InteropServices;

namespace StatusGrid.LoadDriver.Report;

/// <summary>One line describing where the figures come from (they mean little without it).</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var cpu = Read("/proc/cpuinfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memory = Target.ProcStat.ParseStatusKb(Read("/proc/meminfo") ?? "", "MemTotal") is { } bytes ? $"{bytes / (1024.0 * 1024 * 1024):0.#} GiB" : "unknown memory";
        return $"{Environment.ProcessorCount} vCPU {cpu}, {memory}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    private static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
