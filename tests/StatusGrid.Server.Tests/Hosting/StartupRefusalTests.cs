using System.Diagnostics;
using StatusGrid.TestSupport;

namespace StatusGrid.Server.Tests.Hosting;

/// <summary>The server as an operator starts it: a refused configuration ends with what to set, not with a crash.</summary>
public sealed class StartupRefusalTests
{
    [Fact]
    public async Task A_refused_configuration_prints_what_to_set_and_exits_with_1()
    {
        // Production without API keys: refused (ApiHosting). Before, an unhandled exception with a stack trace and an
        // abort (exit code 134, a core dump where enabled).
        var directory = Directory.CreateTempSubdirectory("statusgrid-refusal-");
        try
        {
            var start = new ProcessStartInfo(ServerProcess.DotnetHost())
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "StatusGrid.Server.dll"));
            start.ArgumentList.Add($"--StatusGrid:Storage:ConnectionString=Data Source={Path.Combine(directory.FullName, "refused.db")}");
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["DOTNET_ENVIRONMENT"] = "Production";
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("StatusGrid__", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(key);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            var text = await output + await errors;

            Assert.True(process.ExitCode == 1, $"exit {process.ExitCode}:\n{text}");
            Assert.Contains("StatusGrid__Auth__AdminApiKey", await errors, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", text, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
