using System.Collections.Frozen;
using System.Text;
using StatusGrid.Ocpi.Json;

namespace StatusGrid.Ocpi.Locations;

/// <summary>
/// The one table of EVSE status names: the OCPI strings ("AVAILABLE", "OUTOFORDER", ...) read once from
/// <see cref="EvseStatus"/>'s JSON names. Storage, ingest, the dashboard and the PATCH body all name statuses with it.
/// </summary>
public static class EvseStatusNames
{
    // Indexed by the enum value; EvseStatus members are 0..n-1.
    private static readonly string[] Names = [.. Enum.GetValues<EvseStatus>().Select(s => OcpiEnumNames.Of(s))];
    private static readonly byte[][] Utf8Names = [.. Names.Select(Encoding.ASCII.GetBytes)];
    private static readonly FrozenDictionary<string, EvseStatus> ByName =
        Enum.GetValues<EvseStatus>().ToFrozenDictionary(s => Names[(int)s], StringComparer.Ordinal);

    /// <summary>Every name, in enum order.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <exception cref="ArgumentOutOfRangeException">An undefined status.</exception>
    public static string Of(EvseStatus status) => Names[Index(status)];

    /// <summary>The name as ASCII/UTF-8 bytes, for writers that build JSON by hand.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An undefined status.</exception>
    public static ReadOnlySpan<byte> Utf8Of(EvseStatus status) => Utf8Names[Index(status)];

    /// <summary>Exact, case-sensitive match on an OCPI name.</summary>
    public static bool TryParse(string? name, out EvseStatus status)
    {
        if (name is not null && ByName.TryGetValue(name, out status))
        {
            return true;
        }

        status = default;
        return false;
    }

    private static int Index(EvseStatus status) => (uint)status < (uint)Names.Length
        ? (int)status
        : throw new ArgumentOutOfRangeException(nameof(status), status, "undefined EVSE status");
}
