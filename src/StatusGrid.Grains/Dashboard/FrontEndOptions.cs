namespace StatusGrid.Grains.Dashboard;

/// <summary>Bound from <c>StatusGrid:FrontEnd</c>: settings of a host running as a front-end (<c>StatusGrid:Role=FrontEnd</c>).</summary>
public sealed class FrontEndOptions
{
    public const string SectionName = "StatusGrid:FrontEnd";

    /// <summary>Shown in logs and in the dashboard registry; default: the machine (container) name.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// How often the front-end registers its dashboard observer again. The registry is in memory (it comes back empty
    /// after its silo died) and drops a front-end after six intervals without a registration, which is how a
    /// crashed front-end stops being sent batches.
    /// </summary>
    public TimeSpan RegistrationInterval { get; set; } = TimeSpan.FromSeconds(5);
}
