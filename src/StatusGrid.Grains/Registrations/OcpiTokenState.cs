using StatusGrid.Contracts.Registrations;

namespace StatusGrid.Grains.Registrations;

[GenerateSerializer]
public sealed class OcpiTokenState
{
    [Id(0)] public OcpiTokenGrant? Grant { get; set; }
}
