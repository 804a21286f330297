using StatusGrid.LoadDriver.Cli;
using StatusGrid.LoadDriver.Scenarios;
using StatusGrid.LoadDriver.Commands;

namespace StatusGrid.Load.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Options_override_the_preset()
    {
        var line = CommandLine.Parse(["run", "--scenario", "steady", "--rate=5000", "--seconds", "20", "--latency-ms", "0,0,200", "--pull"]);
        var settings = ScenarioPresets.Apply(ScenarioPresets.For(line.Text("scenario")!), line);
        line.EnsureAllUsed();

        Assert.Equal("run", line.Command);
        Assert.Equal(5000, settings.Rate);
        Assert.Equal(TimeSpan.FromSeconds(20), settings.Duration);
        Assert.True(settings.Pull);
        Assert.Equal([0, 0, 200], settings.Faults.Select(f => f.LatencyMs));
    }

    [Fact]
    public void Each_partner_gets_the_delivery_mode_given_for_it_and_a_wrong_one_is_refused()
    {
        var line = CommandLine.Parse(["run", "--delivery-mode", "latest,ordered"]);
        var settings = ScenarioPresets.Apply(ScenarioPresets.For("steady"), line);
        line.EnsureAllUsed();
        Assert.Equal(["latest", "ordered"], settings.DeliveryModes);
        Assert.Equal(["latest"], ScenarioPresets.Apply(ScenarioPresets.For("steady"), CommandLine.Parse(["run"])).DeliveryModes);

        var wrong = CommandLine.Parse(["run", "--delivery-mode", "fifo"]);
        var error = Assert.Throws<ArgumentException>(() => ScenarioPresets.Apply(ScenarioPresets.For("steady"), wrong));
        Assert.Contains("--delivery-mode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_option_fails_instead_of_running_the_wrong_load()
    {
        var line = CommandLine.Parse(["run", "--rtae", "5000"]);
        ScenarioPresets.Apply(ScenarioPresets.For("steady"), line);

        var error = Assert.Throws<ArgumentException>(line.EnsureAllUsed);
        Assert.Contains("--rtae", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--seconds", "3600")]
    [InlineData("--rate", "0")]
    [InlineData("--batch", "20000")]
    [InlineData("--partners", "31")]
    [InlineData("--error-rate", "1.5")]
    public void Runs_stay_bounded(string option, string value)
    {
        var line = CommandLine.Parse(["run", option, value]);
        Assert.Throws<ArgumentException>(() => ScenarioPresets.Apply(ScenarioPresets.For("steady"), line));
    }

    [Fact]
    public void Soak_and_chaos_read_the_estate_traffic_and_cluster_one_way()
    {
        var line = CommandLine.Parse(["chaos", "--silos", "3", "--locations", "50", "--rate", "800", "--senders", "4", "--delivery-mode", "ordered"]);

        var (catalog, partners, faults, rate, batch, senders, silos, settings, modes) = SharedOptions.Steady(line, locations: 100, rate: 500, batch: 20);
        line.EnsureAllUsed();

        Assert.Equal(500, catalog.Count);
        Assert.Equal(3, partners);
        Assert.Equal([0, 0, 0.2], faults.Select(f => f.ErrorRate));
        Assert.Equal((800d, 20, 4, 3), (rate, batch, senders, silos));
        Assert.Equal(SharedOptions.RecommendedClusterTiming, settings);
        Assert.Equal(["ordered"], modes);
    }

    [Fact]
    public void An_option_of_another_command_is_still_refused_by_import()
    {
        var line = CommandLine.Parse(["import", "--locations", "10", "--rate", "800"]);
        SharedOptions.Estate(line, locations: 10_000);
        SharedOptions.Keys(line);

        var error = Assert.Throws<ArgumentException>(line.EnsureAllUsed);
        Assert.Contains("--rate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Suite_has_the_issues_scenarios_and_each_is_valid()
    {
        var names = SuiteNames();
        Assert.Equal(["steady-1k", "steady-5k", "steady-10k", "storm-10k", "dashboards-1000", "burst-100k"], names);
    }

    private static List<string> SuiteNames()
    {
        var scenarios = SuiteCommand.Scenarios(quick: false);
        Assert.All(scenarios, s => s.Validate());
        Assert.Equal(100_000, scenarios.Single(s => s.Name == "burst-100k").EvseCount);
        Assert.Equal(SendMode.Burst, scenarios.Single(s => s.Name == "burst-100k").Mode);
        return [.. scenarios.Select(s => s.Name)];
    }
}
