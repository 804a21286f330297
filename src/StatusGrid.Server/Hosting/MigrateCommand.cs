using System.Data.Common;
using StatusGrid.Storage;

namespace StatusGrid.Server.Hosting;

/// <summary><c>StatusGrid.Server migrate</c>: applies the schema and exits (for deployments that migrate before rolling silos).</summary>
public static class MigrateCommand
{
    // A database that is still starting (a fresh volume, a container that reports healthy before it takes TCP
    // connections) refuses the first connections: retry transient failures for about a minute, then fail.
    private const int ConnectAttempts = 30;
    private static readonly TimeSpan ConnectRetryDelay = TimeSpan.FromSeconds(2);

    public static async Task<bool> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "migrate")
        {
            return false;
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args[1..])
            .Build();
        var options = StorageHosting.ReadOptions(configuration);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var before = await SchemaMigrator.CurrentVersionAsync(options, CancellationToken.None);
                var pending = await SchemaMigrator.PendingScriptsAsync(options, CancellationToken.None);
                var applied = await SchemaMigrator.ApplyAsync(options, CancellationToken.None);
                Console.WriteLine(StorageDescription.Migration(options, before, pending, applied));
                break;
            }
            catch (Exception ex) when (IsTransient(ex) && attempt < ConnectAttempts)
            {
                Console.Error.WriteLine($"Database not reachable yet ({ex.GetBaseException().Message}); attempt {attempt}/{ConnectAttempts}, retrying in {ConnectRetryDelay.TotalSeconds:0} s.");
                await Task.Delay(ConnectRetryDelay);
            }
        }

        return true;
    }

    private static bool IsTransient(Exception ex) =>
        ex is DbException { IsTransient: true } || ex.GetBaseException() is System.Net.Sockets.SocketException;
}
