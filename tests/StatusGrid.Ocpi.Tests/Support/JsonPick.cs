using System.Text;
using System.Text.Json;

namespace StatusGrid.Ocpi.Tests.Support;

internal static class JsonPick
{
    /// <summary>The raw UTF-8 of one top-level property, for examples that wrap an object ({"energy_mix": {...}}).</summary>
    public static byte[] Property(byte[] json, string name)
    {
        using var document = JsonDocument.Parse(json);
        return Encoding.UTF8.GetBytes(document.RootElement.GetProperty(name).GetRawText());
    }
}
