using Orleans.Runtime;
using StatusGrid.Grains.Dashboard;

namespace StatusGrid.Server.Hosting;

/// <summary>This host and the cluster's silos, as the operations view and readiness see them, in either role.</summary>
public interface IClusterView
{
    /// <summary>This host: a silo's address, or a front-end's id.</summary>
    string Self { get; }

    Task<IReadOnlyList<ClusterMember>> MembersAsync();

    /// <summary>Whether this host can take traffic, and what it is (for the readiness answer).</summary>
    Task<(bool Ready, string Description)> ReadinessAsync();
}

public sealed record ClusterMember(string Address, string? Name, string Status);

/// <summary>A silo reads its own membership view: local, no call.</summary>
internal sealed class SiloClusterView(IClusterMembershipService membership, ILocalSiloDetails silo) : IClusterView
{
    public string Self => silo.SiloAddress.ToParsableString();

    public Task<IReadOnlyList<ClusterMember>> MembersAsync() => Task.FromResult<IReadOnlyList<ClusterMember>>(
        [.. membership.CurrentSnapshot.Members.Values.Select(m => new ClusterMember(m.SiloAddress.ToParsableString(), m.Name, m.Status.ToString()))]);

    public Task<(bool Ready, string Description)> ReadinessAsync()
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult((status == SiloStatus.Active, $"silo {silo.Name} is {status}"));
    }
}

/// <summary>A front-end has no membership of its own: it asks the cluster (the management grain, through a gateway).</summary>
internal sealed class FrontEndClusterView(IGrainFactory grains, FrontEndDashboardRegistration registration, ILogger<FrontEndClusterView> logger)
    : IClusterView
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(3);

    public string Self => registration.FrontEndId;

    public async Task<IReadOnlyList<ClusterMember>> MembersAsync()
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false).WaitAsync(CallTimeout);
        return [.. hosts.Select(h => new ClusterMember(h.SiloAddress.ToParsableString(), h.SiloName, h.Status.ToString()))];
    }

    public async Task<(bool Ready, string Description)> ReadinessAsync()
    {
        try
        {
            var active = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(CallTimeout);
            return (active.Count > 0, $"front-end {Self}: {active.Count} active silo(s)");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Orleans' text names silo addresses and internals: the log has it, the public readiness answer does not.
            HealthLog.ClusterUnreachable(logger, Self, ex);
            return (false, $"front-end {Self}: the cluster does not answer; the server log has the details");
        }
    }
}
