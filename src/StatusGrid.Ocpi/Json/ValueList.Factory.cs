using System.Diagnostics.CodeAnalysis;

namespace StatusGrid.Ocpi.Json;

/// <summary>Wraps incoming lists (from callers or the deserializer) into <see cref="ValueList{T}"/>.</summary>
internal static class ValueList
{
    [return: NotNullIfNotNull(nameof(source))]
    public static IReadOnlyList<T>? From<T>(IReadOnlyList<T>? source) => source switch
    {
        null => null,
        ValueList<T> already => already,
        _ => new ValueList<T>([.. source]),
    };
}
