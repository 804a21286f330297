using System.Threading.RateLimiting;

namespace StatusGrid.Server.Ocpp;

/// <summary>
/// The PBKDF2 slots of OCPP password checks, and the bounded queue in front of them. A supplied password costs about
/// 20 ms of CPU per check, and a wrong one is never remembered (<see cref="VerifiedPasswords"/>), so a flood of wrong
/// passwords is a flood of PBKDF2 runs. With one slot per core and an unbounded queue such a flood took every core
/// from ingest, partner pushes and the silo's own timers, for as long as it lasted. Now at most half the cores (at
/// least one) hash at once, and at most <see cref="QueueLimit"/> checks wait; a check that finds the queue full is
/// refused at once (<see cref="EnterAsync"/> gives null) and the endpoint answers 503 with Retry-After. Checks that
/// need no PBKDF2 (a remembered password, a right generated secret) never come here; every refusal does, that of an
/// unknown identity too, so neither the time nor the status of an answer tells which identities exist.
/// </summary>
public sealed class PasswordHashingLimiter : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;

    public PasswordHashingLimiter(int slots, int queueLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLimit);
        Slots = slots;
        QueueLimit = queueLimit;
        // OldestFirst: a full queue refuses the newcomer rather than dropping a station that has waited longest.
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = slots,
            QueueLimit = queueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Half the cores, at least one: the other half stays for ingest, pushes and the silo whatever the flood.</summary>
    public static int DefaultSlots => Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>How many PBKDF2 runs may go on at once.</summary>
    public int Slots { get; }

    /// <summary>How many checks may wait for a slot.</summary>
    public int QueueLimit { get; }

    /// <summary>Checks waiting for a slot now.</summary>
    public long Queued => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    /// <summary>
    /// A slot, to dispose when the hash is done; null at once when every slot is busy and the queue is full. Waiting
    /// holds no thread. A cancelled wait (the station hung up) throws and leaves the queue.
    /// </summary>
    public async ValueTask<IDisposable?> EnterAsync(CancellationToken cancellationToken = default)
    {
        var lease = await _limiter.AcquireAsync(1, cancellationToken);
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        return null;
    }

    public void Dispose() => _limiter.Dispose();
}
