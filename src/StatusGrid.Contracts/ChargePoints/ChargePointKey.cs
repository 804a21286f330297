namespace StatusGrid.Contracts.ChargePoints;

/// <summary>
/// OCPP identities are case-sensitive, so the key keeps the case. The prefix keeps an all-hex identity from being
/// stored as an integer key.
/// </summary>
public static class ChargePointKey
{
    public static string For(string identity) => "CP*" + identity;
}
