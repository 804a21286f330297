using System.Text.Json.Serialization;

namespace StatusGrid.Server.Dashboard.Viewport;

/// <summary>What a client at one viewport is sent: individual locations of detail tiles, or aggregates of coarse tiles.</summary>
public sealed record ViewportPlan(
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("tile_zoom")] int TileZoom,
    [property: JsonIgnore] IReadOnlyList<TileKey> Tiles)
{
    public const string Detail = "detail";
    public const string Aggregate = "aggregate";

    [JsonPropertyName("tiles")]
    public IReadOnlyList<string> TileNames => Tiles.Select(t => t.ToString()).ToList();

    [JsonIgnore]
    public bool IsDetail => Mode == Detail;

    /// <summary>The SignalR group names this plan's client belongs to.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Groups => Tiles.Select(t => GroupName(Mode, t)).ToList();

    public static string GroupName(string mode, TileKey tile) => (mode == Detail ? "d/" : "a/") + tile;
}
