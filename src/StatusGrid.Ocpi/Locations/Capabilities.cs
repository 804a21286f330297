using System.Collections.Frozen;

namespace StatusGrid.Ocpi.Locations;

/// <summary>OCPI Capability values (EVSE.capabilities).</summary>
public static class Capabilities
{
    public const string ChargingProfileCapable = "CHARGING_PROFILE_CAPABLE";
    public const string ChargingPreferencesCapable = "CHARGING_PREFERENCES_CAPABLE";
    public const string ChipCardSupport = "CHIP_CARD_SUPPORT";
    public const string ContactlessCardSupport = "CONTACTLESS_CARD_SUPPORT";
    public const string CreditCardPayable = "CREDIT_CARD_PAYABLE";
    public const string DebitCardPayable = "DEBIT_CARD_PAYABLE";
    public const string PedTerminal = "PED_TERMINAL";
    public const string RemoteStartStopCapable = "REMOTE_START_STOP_CAPABLE";
    public const string Reservable = "RESERVABLE";
    public const string RfidReader = "RFID_READER";
    public const string StartSessionConnectorRequired = "START_SESSION_CONNECTOR_REQUIRED";
    public const string TokenGroupCapable = "TOKEN_GROUP_CAPABLE";
    public const string UnlockCapable = "UNLOCK_CAPABLE";

    /// <summary>True when OCPI 2.3.0 declares this an OpenEnum, so receivers must tolerate unknown values.</summary>
    public const bool IsOpenIn230 = true;

    private static readonly FrozenSet<string> V211 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            ChargingProfileCapable,
            CreditCardPayable,
            RemoteStartStopCapable,
            Reservable,
            RfidReader,
            UnlockCapable,
        ]);

    private static readonly FrozenSet<string> V221 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            ChargingProfileCapable,
            ChargingPreferencesCapable,
            ChipCardSupport,
            ContactlessCardSupport,
            CreditCardPayable,
            DebitCardPayable,
            PedTerminal,
            RemoteStartStopCapable,
            Reservable,
            RfidReader,
            StartSessionConnectorRequired,
            TokenGroupCapable,
            UnlockCapable,
        ]);

    private static readonly FrozenSet<string> V230 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            ChargingProfileCapable,
            ChargingPreferencesCapable,
            ChipCardSupport,
            ContactlessCardSupport,
            CreditCardPayable,
            DebitCardPayable,
            PedTerminal,
            RemoteStartStopCapable,
            Reservable,
            RfidReader,
            StartSessionConnectorRequired,
            TokenGroupCapable,
            UnlockCapable,
        ]);

    /// <summary>The values the given version defines (case-sensitive).</summary>
    public static IReadOnlySet<string> Known(OcpiVersion version) => version switch
    {
        OcpiVersion.V211 => V211,
        OcpiVersion.V221 => V221,
        _ => V230,
    };
}
