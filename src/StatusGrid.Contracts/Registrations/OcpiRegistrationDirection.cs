namespace StatusGrid.Contracts.Registrations;

/// <summary>Who started the credentials handshake.</summary>
[GenerateSerializer]
public enum OcpiRegistrationDirection
{
    /// <summary>We issued token A; the partner POSTs its credentials to us.</summary>
    TheyRegister,

    /// <summary>The partner gave us its versions URL and token A; we POST our credentials to it.</summary>
    WeRegister,
}
