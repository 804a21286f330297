using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace StatusGrid.Grains.Tests.Fakes;

/// <summary>
/// Grain storage shared by every silo of a test cluster, like the ADO.NET storage on one database: it outlives a
/// killed silo (Orleans' memory storage keeps state in grains, which die with their silo). ETags are checked the way
/// the ADO.NET provider checks them; states are deep-copied in and out so activations never share objects.
/// </summary>
public sealed class SharedGrainStorage
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), (object Value, int Version)> _rows = new();
    private readonly Lock _gate = new();

    /// <summary>The <see cref="IGrainStorage"/> one silo uses (its own copier, the shared rows).</summary>
    public IGrainStorage For(DeepCopier copier) => new Provider(this, copier);

    private sealed class Provider(SharedGrainStorage shared, DeepCopier copier) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (shared._rows.TryGetValue((stateName, grainId), out var row))
            {
                grainState.State = copier.Copy((T)row.Value);
                grainState.ETag = row.Version.ToString(CultureInfo.InvariantCulture);
                grainState.RecordExists = true;
            }

            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            lock (shared._gate)
            {
                var key = (stateName, grainId);
                var stored = shared._rows.TryGetValue(key, out var row) ? row.Version.ToString(CultureInfo.InvariantCulture) : null;
                if (stored != grainState.ETag)
                {
                    throw new InconsistentStateException($"ETag mismatch for {stateName} of {grainId}", stored, grainState.ETag);
                }

                var version = (row.Value is null ? 0 : row.Version) + 1;
                shared._rows[key] = (copier.Copy(grainState.State)!, version);
                grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
                grainState.RecordExists = true;
            }

            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            lock (shared._gate)
            {
                shared._rows.TryRemove((stateName, grainId), out _);
                grainState.ETag = null;
                grainState.RecordExists = false;
            }

            return Task.CompletedTask;
        }
    }
}
