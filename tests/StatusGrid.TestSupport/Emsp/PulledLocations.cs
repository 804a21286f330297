using System.Text.Json;

namespace StatusGrid.TestSupport.Emsp;

/// <summary>The result of following a CPO's Locations pages to the end.</summary>
/// <param name="Problems">Everything the mock found wrong on the way (headers, envelope, invalid Locations).</param>
public sealed record PulledLocations(IReadOnlyList<PulledPage> Pages, IReadOnlyList<JsonElement> Locations, IReadOnlyList<string> Problems)
{
    public IReadOnlyList<string> Ids => [.. Locations.Select(l => l.GetProperty("id").GetString()!)];
}
