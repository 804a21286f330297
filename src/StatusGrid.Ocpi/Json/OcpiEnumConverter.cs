using System.Text.Json.Serialization;

namespace StatusGrid.Ocpi.Json;

/// <summary>
/// String enum converter for closed OCPI enums: member names come from <see cref="JsonStringEnumMemberNameAttribute"/>
/// and integers are refused, because OCPI never sends enums as numbers.
/// </summary>
public sealed class OcpiEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    public OcpiEnumConverter()
        : base(namingPolicy: null, allowIntegerValues: false)
    {
    }
}
