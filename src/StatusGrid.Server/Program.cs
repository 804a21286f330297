using StatusGrid.Server.Dashboard;
using StatusGrid.Server.Demo;
using StatusGrid.Server.Hosting;
using StatusGrid.Server.Ingest;
using StatusGrid.Server.Locations;
using StatusGrid.Server.Partners;

if (await MigrateCommand.TryRunAsync(args))
{
    return;
}

var builder = WebApplication.CreateBuilder(DemoHosting.ExtractDemoSwitch(args, out var demo));
builder.AddStatusGridStorage();
builder.AddStatusGridOrleans();
builder.AddStatusGridApi();
builder.AddDemo(demo);

var app = builder.Build();
await app.MigrateDatabaseAsync();

app.UseStatusGridApi();
app.MapIngest();
app.MapAdminLocations();
app.MapAdminPartners();
app.MapDashboard();

await app.RunAsync();

/// <summary>Lets tests start the real host.</summary>
public partial class Program;
