using StatusGrid.Contracts.Partners;

namespace StatusGrid.Grains.Partners;

[GenerateSerializer]
public sealed class PartnerDirectoryState
{
    [Id(0)] public Dictionary<string, PartnerSubscription> Subscriptions { get; set; } = [];
}
