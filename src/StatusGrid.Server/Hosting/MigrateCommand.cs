using StatusGrid.Storage;

namespace StatusGrid.Server.Hosting;

/// <summary><c>StatusGrid.Server migrate</c>: applies the schema and exits (for deployments that migrate before rolling silos).</summary>
public static class MigrateCommand
{
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
        var before = await SchemaMigrator.CurrentVersionAsync(options, CancellationToken.None);
        var applied = await SchemaMigrator.ApplyAsync(options, CancellationToken.None);
        Console.WriteLine(StorageDescription.Migration(options, before, applied));
        return true;
    }
}
