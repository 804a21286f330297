namespace StatusGrid.Storage.GroupCommit;

/// <summary>Counters of a group-committing store, for observability and for tests that check batching.</summary>
public interface IGroupCommitStatistics
{
    /// <summary>Transactions committed successfully.</summary>
    long CommittedBatches { get; }

    /// <summary>Queued items (calls) acknowledged by those transactions.</summary>
    long CommittedItems { get; }

    /// <summary>Transactions that failed; every caller in them saw the exception.</summary>
    long FailedBatches { get; }
}
