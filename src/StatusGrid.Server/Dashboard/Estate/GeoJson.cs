using System.Text.Json.Serialization;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Server.Dashboard.Estate;

/// <summary>GeoJSON (RFC 7946) shapes the map reads: points with properties. Coordinates are [longitude, latitude].</summary>
public sealed record FeatureCollection<TProperties>(
    [property: JsonPropertyName("features")] IReadOnlyList<Feature<TProperties>> Features)
{
    [JsonPropertyName("type")]
    public string Type => "FeatureCollection";
}

public sealed record Feature<TProperties>(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("geometry")] Point Geometry,
    [property: JsonPropertyName("properties")] TProperties Properties)
{
    [JsonPropertyName("type")]
    public string Type => "Feature";
}

public sealed record Point([property: JsonPropertyName("coordinates")] double[] Coordinates)
{
    [JsonPropertyName("type")]
    public string Type => "Point";

    public static Point At(double latitude, double longitude) => new([Math.Round(longitude, 6), Math.Round(latitude, 6)]);
}

public sealed record LocationProperties(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("city")] string City,
    [property: JsonPropertyName("postal_code")] string? PostalCode,
    [property: JsonPropertyName("country")] string Country,
    [property: JsonPropertyName("operator")] string? Operator,
    [property: JsonPropertyName("evses")] IReadOnlyList<EvseProperties> Evses);

public sealed record EvseProperties(
    [property: JsonPropertyName("uid")] string Uid,
    [property: JsonPropertyName("evse_id")] string? EvseId,
    [property: JsonPropertyName("status")] EvseStatus Status,
    [property: JsonPropertyName("last_updated")] string LastUpdated,
    [property: JsonPropertyName("connectors")] IReadOnlyList<ConnectorProperties> Connectors);

public sealed record ConnectorProperties(
    [property: JsonPropertyName("standard")] string Standard,
    [property: JsonPropertyName("power_type")] PowerType PowerType,
    [property: JsonPropertyName("kw")] double Kw);

/// <summary>One coarse tile's counts; placed at the mean position of its locations, so a bubble sits where the chargers are.</summary>
public sealed record AggregateProperties(
    [property: JsonPropertyName("tile")] string Tile,
    [property: JsonPropertyName("locations")] int Locations,
    [property: JsonPropertyName("evses")] int Evses,
    [property: JsonPropertyName("counts")] IReadOnlyDictionary<string, int> Counts);
