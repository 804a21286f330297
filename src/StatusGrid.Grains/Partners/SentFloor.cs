namespace StatusGrid.Grains.Partners;

/// <summary>
/// What one partner was last sent for one Location where that went above the document's own stamps
/// (<see cref="SentStamps"/>); kept in <see cref="PartnerState.SentFloors"/>, so it holds across activations.
/// </summary>
/// <param name="AtUnixMs">The last stamp minted for the Location's PUT (its <c>last_updated</c> as sent).</param>
/// <param name="Evses">Its EVSEs carried a minted stamp too (a 2.1.1 withdrawal, or the Location back after one).</param>
/// <param name="Withdrawn">That PUT retired every EVSE (<c>REMOVED</c>: a 2.1.1 withdrawal).</param>
[GenerateSerializer, Immutable]
public sealed record SentFloor([property: Id(0)] long AtUnixMs, [property: Id(1)] bool Evses, [property: Id(2)] bool Withdrawn);
