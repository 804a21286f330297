using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using StatusGrid.Contracts.Evses;
using StatusGrid.Grains.Dashboard;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Server.Dashboard;

/// <summary>This silo's clients get each batch once: one message per batch, not per change.</summary>
public sealed class SignalRDashboardSink(IHubContext<StatusHub> hub) : IDashboardSink
{
    private static readonly Dictionary<EvseStatus, string> Names =
        Enum.GetValues<EvseStatus>().ToDictionary(s => s, s => JsonSerializer.Serialize(s).Trim('"'));

    public Task DeliverAsync(ImmutableArray<EvseStatusChange> changes)
    {
        var items = new DashboardStatusItem[changes.Length];
        for (var i = 0; i < changes.Length; i++)
        {
            var c = changes[i];
            items[i] = new DashboardStatusItem(c.LocationId, c.EvseUid, Names[c.Status], OcpiDateTime.Format(c.LastUpdated));
        }

        return hub.Clients.All.SendAsync(StatusHub.StatusChanged, items);
    }

    public static string StatusName(EvseStatus status) => Names[status];
}
