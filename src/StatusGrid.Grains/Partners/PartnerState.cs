using StatusGrid.Contracts.Partners;

namespace StatusGrid.Grains.Partners;

[GenerateSerializer]
public sealed class PartnerState
{
    [Id(0)] public PartnerConfig? Config { get; set; }
}
