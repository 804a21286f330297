using Microsoft.AspNetCore.SignalR;

namespace StatusGrid.Server.Dashboard;

/// <summary>
/// Browsers and .NET clients connect here and receive <c>statusChanged</c> with a batch of
/// <see cref="DashboardStatusItem"/>. Read-only: clients send nothing.
/// </summary>
public sealed class StatusHub : Hub
{
    public const string Path = "/hubs/status";
    public const string StatusChanged = "statusChanged";
}
