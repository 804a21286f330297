using System.Text.Json.Serialization;

namespace StatusGrid.Server.Dashboard;

/// <summary>One change as clients see it. Clients drop an item older than the one they hold (compare last_updated).</summary>
public sealed record DashboardStatusItem(
    [property: JsonPropertyName("location_id")] string LocationId,
    [property: JsonPropertyName("evse_uid")] string EvseUid,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("last_updated")] string LastUpdated);
