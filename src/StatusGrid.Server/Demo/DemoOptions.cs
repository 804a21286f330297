namespace StatusGrid.Server.Demo;

/// <summary>Bound from <c>StatusGrid:Demo</c>; <c>--demo</c> on the command line sets Enabled.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "StatusGrid:Demo";

    /// <summary>Import the shipped demo locations at start and simulate status changes.</summary>
    public bool Enabled { get; set; }

    /// <summary>Simulated changes per second while the demo runs (0 = import only).</summary>
    public int ChangesPerSecond { get; set; } = 20;

    public string LocationsFile { get; set; } = Path.Combine(AppContext.BaseDirectory, "Demo", "locations.json");
}
