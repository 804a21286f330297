using System.Collections.Frozen;

namespace StatusGrid.Ocpi.Locations;

/// <summary>OCPI ParkingRestriction values (EVSE.parking_restrictions).</summary>
public static class ParkingRestrictions
{
    public const string EvOnly = "EV_ONLY";
    public const string Plugged = "PLUGGED";
    public const string Disabled = "DISABLED";
    public const string Customers = "CUSTOMERS";
    public const string Motorcycles = "MOTORCYCLES";
    public const string Employees = "EMPLOYEES";
    public const string Taxis = "TAXIS";
    public const string Tenants = "TENANTS";

    /// <summary>True when OCPI 2.3.0 declares this an OpenEnum, so receivers must tolerate unknown values.</summary>
    public const bool IsOpenIn230 = true;

    private static readonly FrozenSet<string> V211 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            EvOnly,
            Plugged,
            Disabled,
            Customers,
            Motorcycles,
        ]);

    private static readonly FrozenSet<string> V221 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            EvOnly,
            Plugged,
            Disabled,
            Customers,
            Motorcycles,
        ]);

    private static readonly FrozenSet<string> V230 = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            EvOnly,
            Plugged,
            Disabled,
            Customers,
            Motorcycles,
            Employees,
            Taxis,
            Tenants,
        ]);

    /// <summary>The values the given version defines (case-sensitive).</summary>
    public static IReadOnlySet<string> Known(OcpiVersion version) => version switch
    {
        OcpiVersion.V211 => V211,
        OcpiVersion.V221 => V221,
        _ => V230,
    };
}
