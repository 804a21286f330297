using StatusGrid.Storage;

namespace StatusGrid.Grains.Tests.Fakes;

/// <summary>The connector store in memory: the later observation of a connector wins, as in the real stores.</summary>
public sealed partial class InMemoryStorage : IConnectorStore
{
    private readonly Dictionary<(string, int, int), ConnectorStatusRow> _connectors = [];

    public Task<IReadOnlyList<ConnectorStatusRow>> ReadAsync(string identity, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ConnectorStatusRow>>(
                [.. _connectors.Values.Where(r => r.Identity == identity).OrderBy(r => r.EvseId).ThenBy(r => r.ConnectorId)]);
        }
    }

    public Task WriteAsync(ConnectorStatusRow row, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var key = (row.Identity, row.EvseId, row.ConnectorId);
            if (!_connectors.TryGetValue(key, out var held) || row.ObservedAt >= held.ObservedAt)
            {
                _connectors[key] = row;
            }
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(string identity, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var key in _connectors.Keys.Where(k => k.Item1 == identity).ToList())
            {
                _connectors.Remove(key);
            }
        }

        return Task.CompletedTask;
    }
}
