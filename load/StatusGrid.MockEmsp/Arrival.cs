namespace StatusGrid.MockEmsp;

/// <summary>
/// One push as it reached a partner. <see cref="ArrivedTimestamp"/> is a <see cref="System.Diagnostics.Stopwatch"/>
/// timestamp (for exact correlation with send times in the same process); <see cref="ArrivedUnixMicros"/> is wall
/// clock (for correlation with <c>last_updated</c> when the sender is another process, e.g. k6).
/// </summary>
public readonly record struct Arrival(
    int Partner,
    PushKind Kind,
    string LocationId,
    string? EvseUid,
    long? LastUpdatedUnixMs,
    long ArrivedTimestamp,
    long ArrivedUnixMicros);
