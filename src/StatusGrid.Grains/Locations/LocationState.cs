namespace StatusGrid.Grains.Locations;

/// <summary>The CPO's Location document, kept as OCPI 2.2.1 JSON so a renamed C# type never breaks stored state.</summary>
[GenerateSerializer]
public sealed class LocationState
{
    [Id(0)] public string? Json { get; set; }
}
