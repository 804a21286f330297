namespace StatusGrid.Grains.Evses;

[GenerateSerializer]
public sealed class EvseIdState
{
    [Id(0)] public string? LocationId { get; set; }
    [Id(1)] public string? EvseUid { get; set; }
}
