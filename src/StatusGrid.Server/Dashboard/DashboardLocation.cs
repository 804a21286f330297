using System.Text.Json.Serialization;

namespace StatusGrid.Server.Dashboard;

public sealed record DashboardLocation(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("city")] string City,
    [property: JsonPropertyName("latitude")] string Latitude,
    [property: JsonPropertyName("longitude")] string Longitude,
    [property: JsonPropertyName("evses")] IReadOnlyList<DashboardStatusItem> Evses);
