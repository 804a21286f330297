using System.Collections.Frozen;

namespace StatusGrid.Ocpi.Versions;

/// <summary>OCPI ModuleID values (Endpoint.identifier). Custom modules may add their own identifiers.</summary>
public static class ModuleId
{
    public const string Cdrs = "cdrs";
    public const string ChargingProfiles = "chargingprofiles";
    public const string Commands = "commands";
    public const string Credentials = "credentials";
    public const string HubClientInfo = "hubclientinfo";
    public const string Locations = "locations";
    public const string Sessions = "sessions";
    public const string Tariffs = "tariffs";
    public const string Tokens = "tokens";

    /// <summary>2.3.0 (in the v2.3.0 release; packaged separately in later editions).</summary>
    public const string Payments = "payments";

    /// <summary>2.3.0 ed2.</summary>
    public const string InvoiceReconciliation = "invoicereconciliation";

    private static readonly FrozenSet<string> V211 = FrozenSet.Create(StringComparer.Ordinal, [Cdrs, Commands, Credentials, Locations, Sessions, Tariffs, Tokens]);

    private static readonly FrozenSet<string> V221 = FrozenSet.Create(StringComparer.Ordinal, [.. V211, ChargingProfiles, HubClientInfo]);

    private static readonly FrozenSet<string> V230 = FrozenSet.Create(StringComparer.Ordinal, [.. V221, Payments, InvoiceReconciliation]);

    /// <summary>The standard modules of a version.</summary>
    public static IReadOnlySet<string> Known(OcpiVersion version) => version switch
    {
        OcpiVersion.V211 => V211,
        OcpiVersion.V221 => V221,
        _ => V230,
    };
}
