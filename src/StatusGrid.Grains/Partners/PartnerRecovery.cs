using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using StatusGrid.Contracts.Partners;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// Wakes push partners whose grains nobody would activate soon. At start-up (once this silo is Active) it asks every
/// partner that receives pushes to reconcile: after a restart, of one silo (SIGKILL included) or of the whole cluster,
/// undelivered work resumes within seconds instead of at the EVSE's next change. A lifecycle participant rather than
/// Orleans reminders: reminders fire at minute granularity and cost a table row per partner, while this runs once, right
/// when the silo can serve grains, and a partner's own grain timer takes over while it is active. Every silo does it
/// at its start (a Reconcile on an active partner joins the one running), so a whole-cluster restart is covered
/// whichever silo comes up first.
///
/// When a silo leaves (crash or graceful stop), two things may be owed to partners that nobody would send soon: changes
/// that silo committed but had not yet handed to partner grains (its fan-out queue died with it), and partner grains
/// that lived there, which stay inactive until the next change. So once a silo this one saw alive turns Dead, the
/// active silo with the lowest address (one silo, not all of them) asks every partner to reconcile with the delivery
/// ledger at once, instead of at the next change or <see cref="PushOptions.ReconcileInterval"/>.
/// </summary>
internal sealed class PartnerRecovery(
    IClusterMembershipService membership,
    IGrainFactory grains,
    ILocalSiloDetails localSilo,
    SiloDeaths deaths,
    TimeProvider time,
    ILogger<PartnerRecovery> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private const int WarnAfter = 5;

    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PartnerRecovery), ServiceLifecycleStage.Active, Start, StopAsync);

    private Task Start(CancellationToken cancellationToken)
    {
        _loop = Task.Run(WatchAsync, CancellationToken.None);
        _ = Task.Run(() => RecoverAsync("start-up"), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    private async Task WatchAsync()
    {
        // Only silos seen alive count: old Dead rows of earlier runs must not trigger a recovery at every start.
        var seenAlive = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stop.Token))
            {
                var left = new List<SiloAddress>();
                foreach (var member in snapshot.Members.Values)
                {
                    if (member.Status == SiloStatus.Dead)
                    {
                        deaths.SeenDead(member.SiloAddress);
                        if (seenAlive.Remove(member.SiloAddress))
                        {
                            left.Add(member.SiloAddress);
                        }
                    }
                    else
                    {
                        seenAlive.Add(member.SiloAddress);
                    }
                }

                if (left.Count > 0 && IsRecoverer(snapshot))
                {
                    logger.LogInformation("Silo(s) {Silos} left the cluster; asking every partner to reconcile", string.Join(", ", left));
                    _ = RecoverAsync("a silo left");
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private bool IsRecoverer(ClusterMembershipSnapshot snapshot)
    {
        var lowest = snapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress.ToParsableString())
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        return lowest == localSilo.SiloAddress.ToParsableString();
    }

    private async Task RecoverAsync(string why)
    {
        var subscriptions = await RetryAsync("read the partner directory", () => grains.GetGrain<IPartnerDirectoryGrain>(0).GetSubscriptions());
        if (subscriptions.IsDefault)
        {
            return;
        }

        // Pull-only and disabled partners have nothing to send: they are not woken.
        var partnerIds = subscriptions.Where(s => s.ReceivesPushes).Select(s => s.PartnerId).ToList();
        logger.LogInformation("Waking {Count} push partner(s) to reconcile ({Why})", partnerIds.Count, why);

        await Task.WhenAll(partnerIds.Select(id => RetryAsync($"reconcile partner {id}", async () =>
        {
            await grains.GetGrain<IPartnerGrain>(id).Reconcile();
            return true;
        })));
    }

    /// <summary>
    /// Retries <paramref name="call"/> until it succeeds or the silo stops (<see cref="RecoveryRetry"/>): the partners
    /// woken here are inactive, so no periodic reconcile of theirs would catch up if this gave up.
    /// </summary>
    private async Task<T> RetryAsync<T>(string what, Func<Task<T>> call)
    {
        var (_, value) = await new RecoveryRetry(time, _stop.Token).RunAsync(call, (attempt, ex) =>
        {
            // Right after a death calls may still be routed to the dead silo: the first failures are expected.
            if (attempt < WarnAfter)
            {
                logger.LogDebug(ex, "Recovery could not {What} (attempt {Attempt}); retrying", what, attempt);
            }
            else if (attempt == WarnAfter || attempt % 10 == 0)
            {
                logger.LogWarning(ex, "Recovery could not {What} (attempt {Attempt}); still retrying, at most every {MaxDelay}", what, attempt, RecoveryRetry.MaxDelay);
            }
        });
        return value!;
    }
}
