using StatusGrid.Contracts.ChargePoints;

namespace StatusGrid.Grains.ChargePoints;

/// <summary>
/// Durable state of one charge point. Written on registration, connection, boot and going offline, not on heartbeats
/// or StatusNotifications (connector statuses are in <see cref="Storage.IConnectorStore"/>).
/// </summary>
[GenerateSerializer]
public sealed class ChargePointState
{
    [Id(0)] public ChargePointRegistration? Registration { get; set; }
    [Id(1)] public BootInfo? Boot { get; set; }
    [Id(2)] public OcppProtocol? Protocol { get; set; }
    /// <summary>Only in state written before connector statuses moved to the store: moved there at activation.</summary>
    [Id(3)] public Dictionary<string, ConnectorRecord> Connectors { get; set; } = [];
    [Id(4)] public DateTimeOffset? LastSeen { get; set; }
    [Id(5)] public bool Offline { get; set; }

    /// <summary>
    /// Per EVSE grain key: when we last set it UNKNOWN for silence. A later report counts as observed no earlier than
    /// just after that, so a station's queued reports from before the outage can still end the UNKNOWN.
    /// </summary>
    [Id(6)] public Dictionary<string, DateTimeOffset> UnknownSince { get; set; } = [];

    /// <summary>
    /// The station answered TriggerMessage NotImplemented: it is not asked again until its next BootNotification
    /// (its firmware changes only with a reboot).
    /// </summary>
    [Id(7)] public bool TriggerNotImplemented { get; set; }
}
