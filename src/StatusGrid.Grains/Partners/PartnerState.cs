using StatusGrid.Contracts.Partners;

namespace StatusGrid.Grains.Partners;

[GenerateSerializer]
public sealed class PartnerState
{
    [Id(0)] public PartnerConfig? Config { get; set; }

    /// <summary>The partner's refusals, kept across restarts for the admin view (their versions are settled in the ledger).</summary>
    [Id(1)] public List<PushRejection> Rejections { get; set; } = [];

    /// <summary>For a roaming hub: what it reported about each party behind it (HubClientInfo), by <see cref="HubClient.Key"/>.</summary>
    [Id(2)] public Dictionary<string, HubClient> HubClients { get; set; } = [];

    /// <summary>
    /// The silo whose activation may be sending to the partner; null once that activation stopped cleanly with nothing
    /// in flight. Found set at activation, it means the previous activation crashed (see PartnerGrain.Fence.cs).
    /// </summary>
    [Id(3)] public string? RunningOn { get; set; }

    /// <summary>By Location id: the stamps minted for its PUTs, which later PUTs never go below (<see cref="SentStamps"/>).</summary>
    [Id(4)] public Dictionary<string, SentFloor> SentFloors { get; set; } = [];
}
