namespace StatusGrid.Storage;

public sealed record DeliveredVersion(string LocationId, string EvseUid, long Version);
