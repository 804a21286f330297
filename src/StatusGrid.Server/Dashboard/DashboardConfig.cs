using System.Text.Json.Serialization;
using StatusGrid.Server.Dashboard.Viewport;

namespace StatusGrid.Server.Dashboard;

public sealed record DashboardConfig(
    [property: JsonPropertyName("tile_url")] string TileUrl,
    [property: JsonPropertyName("tile_attribution")] string TileAttribution,
    [property: JsonPropertyName("detail_min_zoom")] int DetailMinZoom,
    [property: JsonPropertyName("detail_tile_zoom")] int DetailTileZoom,
    [property: JsonPropertyName("require_credential")] bool RequireCredential);

/// <summary>A snapshot: the plan (mode and tiles, as the hub's Watch answers it) and a GeoJSON FeatureCollection.</summary>
public sealed record Snapshot<TProperties>(
    [property: JsonIgnore] ViewportPlan Plan,
    [property: JsonPropertyName("features")] IReadOnlyList<Estate.Feature<TProperties>> Features)
{
    [JsonPropertyName("type")]
    public string Type => "FeatureCollection";

    [JsonPropertyName("mode")]
    public string Mode => Plan.Mode;

    [JsonPropertyName("tile_zoom")]
    public int TileZoom => Plan.TileZoom;

    [JsonPropertyName("tiles")]
    public IReadOnlyList<string> Tiles => Plan.TileNames;
}
