using StatusGrid.Server;
using StatusGrid.Server.Hosting;

WebApplication? app = null;
try
{
    if (await MigrateCommand.TryRunAsync(args))
    {
        return 0;
    }

    app = await StatusGridApp.CreateAsync(args);
    await app.StartAsync();
}
catch (Exception ex)
{
    if (app is not null)
    {
        await app.DisposeAsync();
    }

    return StartupFailure.Report(ex, Console.Error);
}

// What RunAsync does after the start: wait for SIGTERM/Ctrl+C (a graceful stop), then dispose.
await app.WaitForShutdownAsync();
await app.DisposeAsync();
return 0;
