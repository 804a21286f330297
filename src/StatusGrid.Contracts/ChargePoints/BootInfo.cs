namespace StatusGrid.Contracts.ChargePoints;

/// <summary>What the last BootNotification said (both versions' fields folded into one shape).</summary>
[GenerateSerializer, Immutable]
public sealed record BootInfo(
    [property: Id(0)] OcppProtocol Protocol,
    [property: Id(1)] string Vendor,
    [property: Id(2)] string Model,
    [property: Id(3)] string? SerialNumber,
    [property: Id(4)] string? FirmwareVersion,
    [property: Id(5)] string? Reason,
    [property: Id(6)] DateTimeOffset BootedAt);
