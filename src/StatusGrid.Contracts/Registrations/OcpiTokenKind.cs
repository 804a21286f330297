namespace StatusGrid.Contracts.Registrations;

/// <summary>What a credentials token a partner presents to us allows.</summary>
[GenerateSerializer]
public enum OcpiTokenKind
{
    /// <summary>CREDENTIALS_TOKEN_A (or our token B while our registration with them is still in progress): credentials and versions only.</summary>
    Registration,

    /// <summary>The token of a registered partner: every module.</summary>
    Access,
}
