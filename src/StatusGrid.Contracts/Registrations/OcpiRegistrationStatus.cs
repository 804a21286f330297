namespace StatusGrid.Contracts.Registrations;

[GenerateSerializer]
public enum OcpiRegistrationStatus
{
    /// <summary>Token A issued (they will register with us), or our registration with them is under way.</summary>
    Pending,

    /// <summary>Credentials exchanged; the partner may call every module and receives pushes if it has a receiver.</summary>
    Registered,
}
