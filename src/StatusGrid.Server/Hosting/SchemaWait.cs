using System.Data.Common;
using StatusGrid.Storage;

namespace StatusGrid.Server.Hosting;

/// <summary>A front-end's start: wait until the database's schema is at this build's version, never apply it.</summary>
internal static class SchemaWait
{
    public const string Key = "StatusGrid:FrontEnd:SchemaWait";

    /// <summary>Silos and front-ends start together (compose): the silos' migration usually takes seconds.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    public static async Task UntilCurrentAsync(StorageOptions options, TimeSpan wait, ILogger logger)
    {
        var needed = SchemaMigrator.LatestVersion(options.Provider);
        var deadline = DateTimeOffset.UtcNow + wait;
        while (true)
        {
            var read = await ReadAsync(options);
            // Current means every script recorded: a script filling a reserved gap sits below the highest version.
            if (read is { Pending.Count: 0 })
            {
                logger.LogInformation("Schema at version {Version} (a front-end reads it; the silos or migrate keep it current)", read.Value.Version);
                return;
            }

            var state = read is { } found
                ? $"is at version {found.Version}" + (found.Version >= needed ? $" but lacks {string.Join(", ", found.Pending.Select(s => s.Name))}" : "")
                : "cannot be read (the database is not reachable)";
            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new InvalidOperationException(
                    $"The database schema {state}; this front-end needs version {needed}. Front-ends never change the schema: "
                    + $"run `StatusGrid.Server migrate` (or start a silo of this version), then start the front-end. Waited {wait}; "
                    + $"set {Key} to wait longer.");
            }

            logger.LogWarning("The database schema {State}; waiting for version {Needed} (run migrate or start a silo)", state, needed);
            await Task.Delay(Poll);
        }
    }

    private static async Task<(int Version, IReadOnlyList<SchemaScript> Pending)?> ReadAsync(StorageOptions options)
    {
        try
        {
            return (await SchemaMigrator.CurrentVersionAsync(options, CancellationToken.None), await SchemaMigrator.PendingScriptsAsync(options, CancellationToken.None));
        }
        catch (Exception ex) when (ex is DbException { IsTransient: true } || ex.GetBaseException() is System.Net.Sockets.SocketException)
        {
            return null;
        }
    }
}
