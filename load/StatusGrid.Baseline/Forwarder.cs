using System.Collections.Concurrent;

namespace StatusGrid.Baseline;

/// <summary>All partners; every change goes to every partner's queue.</summary>
internal sealed class Forwarder : IDisposable
{
    private readonly ConcurrentDictionary<string, ForwardingPartner> _partners = new(StringComparer.OrdinalIgnoreCase);
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    public IEnumerable<ForwardingPartner> Partners => _partners.Values;

    public bool Upsert(PartnerConfig config)
    {
        var created = true;
        _partners.AddOrUpdate(config.Id, _ => new ForwardingPartner(config, _http), (_, old) =>
        {
            created = false;
            old.Stop();
            return new ForwardingPartner(config, _http);
        });
        return created;
    }

    public void Forward(BaselineChange change)
    {
        foreach (var partner in _partners.Values)
        {
            partner.Enqueue(change);
        }
    }

    public void Dispose()
    {
        foreach (var partner in _partners.Values)
        {
            partner.Stop();
        }

        _http.Dispose();
    }
}
