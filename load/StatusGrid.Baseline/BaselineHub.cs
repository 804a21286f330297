using Microsoft.AspNetCore.SignalR;

namespace StatusGrid.Baseline;

/// <summary>Read-only hub at /hubs/status; each ingest request becomes one statusChanged message to all clients.</summary>
internal sealed class BaselineHub : Hub
{
    public const string Path = "/hubs/status";
}
