using System.Globalization;
using System.Text.Json;

namespace StatusGrid.Server.Tests.Cluster;

/// <summary>An EVSE's status and last_updated, as sent, stored or pushed.</summary>
public sealed record EvseState(string Status, DateTimeOffset LastUpdated)
{
    public static EvseState From(JsonElement evse) => new(
        evse.GetProperty("status").GetString()!,
        DateTimeOffset.Parse(evse.GetProperty("last_updated").GetString()!, CultureInfo.InvariantCulture));

    public override string ToString() => $"{Status}@{LastUpdated:HH:mm:ss.fff}";
}
