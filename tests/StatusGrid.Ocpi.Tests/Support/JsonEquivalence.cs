using System.Text.Json;
using StatusGrid.Ocpi;

namespace StatusGrid.Ocpi.Tests.Support;

/// <summary>
/// Semantic JSON comparison: property order ignored, a null property equals an absent one, numbers compare by
/// value, and strings that are both OCPI DateTimes compare as instants (so formatting differences do not count).
/// </summary>
internal static class JsonEquivalence
{
    public static void AssertEquivalent(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        using var expectedDoc = JsonDocument.Parse(expected.ToArray());
        using var actualDoc = JsonDocument.Parse(actual.ToArray());
        var differences = new List<string>();
        Compare(expectedDoc.RootElement, actualDoc.RootElement, "$", differences);
        Assert.True(differences.Count == 0, "JSON differs:\n" + string.Join("\n", differences));
    }

    private static void Compare(JsonElement expected, JsonElement actual, string path, List<string> differences)
    {
        if (expected.ValueKind != actual.ValueKind && !(IsBool(expected) && IsBool(actual)))
        {
            differences.Add($"{path}: expected {expected.ValueKind} {expected.GetRawText()}, got {actual.ValueKind} {actual.GetRawText()}");
            return;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var names = expected.EnumerateObject().Select(p => p.Name).Union(actual.EnumerateObject().Select(p => p.Name));
                foreach (var name in names)
                {
                    var inExpected = expected.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null;
                    var inActual = actual.TryGetProperty(name, out var a) && a.ValueKind != JsonValueKind.Null;
                    if (inExpected != inActual)
                    {
                        differences.Add($"{path}.{name}: present only in {(inExpected ? "expected" : "actual")}");
                    }
                    else if (inExpected)
                    {
                        Compare(e, a, $"{path}.{name}", differences);
                    }
                }

                break;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    differences.Add($"{path}: expected {expected.GetArrayLength()} items, got {actual.GetArrayLength()}");
                    return;
                }

                for (var i = 0; i < expected.GetArrayLength(); i++)
                {
                    Compare(expected[i], actual[i], $"{path}[{i}]", differences);
                }

                break;
            case JsonValueKind.Number:
                if (expected.GetDecimal() != actual.GetDecimal())
                {
                    differences.Add($"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
                }

                break;
            case JsonValueKind.String:
                var es = expected.GetString();
                var @as = actual.GetString();
                var sameInstant = OcpiDateTime.TryParse(es, out var et) && OcpiDateTime.TryParse(@as, out var at) && et == at;
                if (es != @as && !sameInstant)
                {
                    differences.Add($"{path}: expected \"{es}\", got \"{@as}\"");
                }

                break;
            case JsonValueKind.True or JsonValueKind.False:
                if (expected.GetBoolean() != actual.GetBoolean())
                {
                    differences.Add($"{path}: expected {expected.GetBoolean()}, got {actual.GetBoolean()}");
                }

                break;
        }
    }

    private static bool IsBool(JsonElement e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False;
}
