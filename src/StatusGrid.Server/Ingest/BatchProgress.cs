using StatusGrid.Contracts.Evses;

namespace StatusGrid.Server.Ingest;

/// <summary>
/// The fate of every item of one batch, filled in by concurrent per-EVSE workers. <see cref="Close"/> ends the batch
/// (all work done or the time bound passed): whatever is still open is then not applied, and later answers from
/// grains no longer change the report. Reporting an item that was in fact applied as not applied is safe, because a
/// resend is a duplicate; the reverse is never reported.
/// </summary>
internal sealed class BatchProgress(int count)
{
    private readonly ItemState[] _states = new ItemState[count];
    private readonly string?[] _errors = new string?[count];
    private bool _closed;

    public int Received => count;

    /// <summary>True when at least one item was not applied for a reason other than an unreachable or slow silo.</summary>
    public bool HasUnexpectedFailure { get; private set; }

    public void Reject(int index, string error) => Set(index, ItemState.Rejected, error);

    public void Done(int index, StatusReportOutcome outcome) => Set(index, outcome switch
    {
        StatusReportOutcome.Applied => ItemState.Applied,
        StatusReportOutcome.Duplicate => ItemState.Duplicate,
        StatusReportOutcome.Stale => ItemState.Stale,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown and removed EVSEs are rejected, not done."),
    }, null);

    public void NotApplied(int index, string reason, bool unexpected)
    {
        lock (_states)
        {
            if (!_closed && _states[index] == ItemState.Open)
            {
                _states[index] = ItemState.NotApplied;
                _errors[index] = reason;
                HasUnexpectedFailure |= unexpected;
            }
        }
    }

    /// <summary>Ends the batch: open items become not applied with <paramref name="reason"/>.</summary>
    public void Close(string reason)
    {
        lock (_states)
        {
            for (var i = 0; i < _states.Length; i++)
            {
                if (_states[i] == ItemState.Open)
                {
                    _states[i] = ItemState.NotApplied;
                    _errors[i] = reason;
                }
            }

            _closed = true;
        }
    }

    public IngestResponse ToResponse()
    {
        lock (_states)
        {
            var errors = new List<IngestItemError>();
            var notApplied = new List<IngestItemError>();
            int applied = 0, duplicates = 0, stale = 0;
            for (var i = 0; i < _states.Length; i++)
            {
                switch (_states[i])
                {
                    case ItemState.Applied: applied++; break;
                    case ItemState.Duplicate: duplicates++; break;
                    case ItemState.Stale: stale++; break;
                    case ItemState.Rejected: errors.Add(new IngestItemError(i, _errors[i]!)); break;
                    default: notApplied.Add(new IngestItemError(i, _errors[i] ?? "Not applied.")); break;
                }
            }

            return new IngestResponse(count, applied, duplicates, stale, errors.Count, notApplied.Count, errors, notApplied);
        }
    }

    private void Set(int index, ItemState state, string? error)
    {
        lock (_states)
        {
            if (!_closed && _states[index] == ItemState.Open)
            {
                _states[index] = state;
                _errors[index] = error;
            }
        }
    }

    private enum ItemState
    {
        Open,
        Applied,
        Duplicate,
        Stale,
        Rejected,
        NotApplied,
    }
}
