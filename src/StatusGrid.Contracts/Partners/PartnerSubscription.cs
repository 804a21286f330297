namespace StatusGrid.Contracts.Partners;

/// <summary>A known partner and what a silo's fan-out needs to route a change to it.</summary>
/// <param name="ReceivesPushes">Enabled and has a Locations receiver endpoint; otherwise the partner only pulls.</param>
[GenerateSerializer, Immutable]
public sealed record PartnerSubscription(
    [property: Id(0)] string PartnerId,
    [property: Id(1)] PartnerFilter Filter,
    [property: Id(2)] bool ReceivesPushes)
{
    /// <summary>The hub partner this partner is reached through (<see cref="PartnerConfig.HubId"/>), if any.</summary>
    [Id(3)] public string? HubId { get; init; }

    /// <summary>
    /// <c>ordered</c> delivery: every state must reach the partner grain, so a failed hand-off (its silo died) is
    /// retried in order instead of being left to the ledger, which knows only the latest state.
    /// </summary>
    [Id(4)] public bool Ordered { get; init; }
}
