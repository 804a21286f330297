using StatusGrid.Server;
using StatusGrid.Server.Hosting;

if (await MigrateCommand.TryRunAsync(args))
{
    return;
}

var app = await StatusGridApp.CreateAsync(args);
await app.RunAsync();
