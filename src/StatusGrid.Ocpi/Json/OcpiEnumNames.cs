using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace StatusGrid.Ocpi.Json;

/// <summary>The OCPI wire names of closed enums, read from <see cref="JsonStringEnumMemberNameAttribute"/>.</summary>
internal static class OcpiEnumNames
{
    private static readonly ConcurrentDictionary<Type, FrozenDictionary<string, object>> ByType = new();

    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var (name, member) in For(typeof(TEnum)))
        {
            if (member.Equals(value))
            {
                return name;
            }
        }

        return value.ToString();
    }

    /// <summary>Wire name → enum value, case-sensitive.</summary>
    public static FrozenDictionary<string, object> For(Type enumType) => ByType.GetOrAdd(enumType, static type =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).ToFrozenDictionary(
            field => field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name,
            field => field.GetValue(null)!,
            StringComparer.Ordinal));
}
