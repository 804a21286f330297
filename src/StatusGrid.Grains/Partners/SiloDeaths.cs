using System.Collections.Concurrent;
using Orleans.Runtime;

namespace StatusGrid.Grains.Partners;

/// <summary>
/// When this silo first saw each other silo Dead in the membership (fed by <see cref="PartnerRecovery"/>). A silo
/// was dead by then, so its last requests left before that moment: a partner's next activation counts its crash
/// hold from it (<see cref="CrashHold"/>). That matters when the activation comes late, e.g. while the directory
/// waits for the dead silo's successor.
/// </summary>
internal sealed class SiloDeaths(TimeProvider time)
{
    private readonly ConcurrentDictionary<SiloAddress, DateTimeOffset> _seenDead = new();

    public void SeenDead(SiloAddress silo) => _seenDead.TryAdd(silo, time.GetUtcNow());

    public DateTimeOffset? SeenDeadAt(SiloAddress silo) => _seenDead.TryGetValue(silo, out var at) ? at : null;
}
