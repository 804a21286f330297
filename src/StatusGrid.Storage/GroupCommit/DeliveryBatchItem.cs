namespace StatusGrid.Storage.GroupCommit;

/// <summary>One RecordDeliveredAsync call waiting in the ledger's group-commit queue.</summary>
internal sealed record DeliveryBatchItem(string PartnerId, IReadOnlyCollection<DeliveredVersion> Delivered);
