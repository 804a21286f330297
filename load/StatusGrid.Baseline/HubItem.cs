using System.Text.Json.Serialization;

namespace StatusGrid.Baseline;

/// <summary>Same item shape as StatusGrid's statusChanged, so the same dashboard client reads both.</summary>
internal sealed record HubItem(
    [property: JsonPropertyName("location_id")] string LocationId,
    [property: JsonPropertyName("evse_uid")] string EvseUid,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("last_updated")] string LastUpdated);
