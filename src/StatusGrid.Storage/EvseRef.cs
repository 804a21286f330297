namespace StatusGrid.Storage;

/// <summary>An EVSE by its location id and EVSE uid, as stored.</summary>
public sealed record EvseRef(string LocationId, string EvseUid);
