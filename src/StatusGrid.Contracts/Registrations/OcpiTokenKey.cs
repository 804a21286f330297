namespace StatusGrid.Contracts.Registrations;

public static class OcpiTokenKey
{
    /// <summary>
    /// Grain key of a token hash (lower-case hex). The prefix keeps the key from being all-hex, which Orleans would
    /// store as an integer key.
    /// </summary>
    public static string For(string tokenHash) => "T*" + tokenHash;
}
