using System.Text.Json;

namespace StatusGrid.LoadDriver.Api;

/// <summary>Reads a partner admin view (snake_case; health may be missing while a partner activates).</summary>
internal static class PartnerHealthParser
{
    public static PartnerHealthView Parse(JsonElement partner)
    {
        var id = partner.GetProperty("id").GetString() ?? "";
        if (!partner.TryGetProperty("health", out var health) || health.ValueKind != JsonValueKind.Object)
        {
            return new PartnerHealthView(id, 0, 0, 0, 0, 0, 0);
        }

        long failures = 0;
        if (health.TryGetProperty("failures_by_kind", out var kinds) && kinds.ValueKind == JsonValueKind.Object)
        {
            failures = kinds.EnumerateObject().Sum(k => k.Value.GetInt64());
        }

        return new PartnerHealthView(id, Int(health, "queue_depth"), Int(health, "pending_location_puts"), Int(health, "in_flight"),
            Long(health, "successes"), Long(health, "coalesced"), failures);
    }

    private static int Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;

    private static long Long(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
}
