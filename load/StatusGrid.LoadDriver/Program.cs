using StatusGrid.LoadDriver.Chaos;
using StatusGrid.LoadDriver.Cli;
using StatusGrid.LoadDriver.Commands;

// StatusGrid load driver: scenarios against a running or launched StatusGrid, the baseline forwarder, the mock eMSP
// fleet. See Cli/Usage.cs or `-- help`.
try
{
    var line = CommandLine.Parse(args);
    return line.Command switch
    {
        "run" => await RunCommand.ExecuteAsync(line),
        "suite" => await SuiteCommand.ExecuteAsync(line, SharedOptions.CommandText(args)),
        "fleet" => await FleetCommand.ExecuteAsync(line),
        "import" => await ImportCommand.ExecuteAsync(line, SharedOptions.CommandText(args)),
        "coldstart" => await ColdStartCommand.ExecuteAsync(line, SharedOptions.CommandText(args)),
        "map-clients" => await StatusGrid.LoadDriver.Dashboards.MapClientsCommand.ExecuteAsync(line),
        "chaos" => await ChaosCommand.ExecuteAsync(line, SharedOptions.CommandText(args)),
        "soak" => await SoakCommand.ExecuteAsync(line, SharedOptions.CommandText(args)),
        _ => Help(),
    };
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

static int Help()
{
    Console.WriteLine(Usage.Text);
    return 0;
}
