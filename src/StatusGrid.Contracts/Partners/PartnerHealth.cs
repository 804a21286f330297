using System.Collections.Immutable;

namespace StatusGrid.Contracts.Partners;

/// <summary>What an operator needs to see of one partner's push pipeline.</summary>
[GenerateSerializer, Immutable]
public sealed record PartnerHealth
{
    [Id(0)] public required string PartnerId { get; init; }
    [Id(1)] public int QueueDepth { get; init; }
    [Id(2)] public TimeSpan? OldestPendingAge { get; init; }
    [Id(3)] public int InFlight { get; init; }
    [Id(4)] public long Successes { get; init; }
    [Id(5)] public ImmutableDictionary<string, long> FailuresByKind { get; init; } = ImmutableDictionary<string, long>.Empty;
    [Id(6)] public string CircuitState { get; init; } = "Closed";
    [Id(7)] public string? LastError { get; init; }
    [Id(8)] public DateTimeOffset? LastErrorAt { get; init; }
    [Id(9)] public long Coalesced { get; init; }
    [Id(10)] public double? PushLatencyP50Ms { get; init; }
    [Id(11)] public double? PushLatencyP99Ms { get; init; }
    [Id(12)] public int PendingLocationPuts { get; init; }
}
