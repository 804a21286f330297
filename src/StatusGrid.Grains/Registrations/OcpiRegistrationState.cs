using StatusGrid.Contracts.Registrations;

namespace StatusGrid.Grains.Registrations;

[GenerateSerializer]
public sealed class OcpiRegistrationState
{
    [Id(0)] public OcpiRegistration? Registration { get; set; }

    /// <summary>Never goes down, not even when the registration is removed, so a handshake that read an older state can never commit over a newer one.</summary>
    [Id(1)] public long Generation { get; set; }
}
