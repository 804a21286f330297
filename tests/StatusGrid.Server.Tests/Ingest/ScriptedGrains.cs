using System.Collections.Concurrent;
using System.Reflection;
using Orleans;
using Orleans.Runtime;
using StatusGrid.Contracts.Evses;

namespace StatusGrid.Server.Tests.Ingest;

/// <summary>
/// An <see cref="IGrainFactory"/> whose EVSE grains behave as scripted per key, to put the ingest API in front of a
/// silo that is unreachable or never answers (as during a silo's death) without a cluster. Keys containing
/// <c>DOWN</c> throw <see cref="SiloUnavailableException"/>, keys containing <c>HANG</c> never answer, every other
/// EVSE applies each report. Built on <see cref="DispatchProxy"/>: only the calls the ingestor makes are served.
/// </summary>
public sealed class ScriptedGrains
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public ScriptedGrains() => Factory = Proxy<IGrainFactory>((method, args) => method.Name == nameof(IGrainFactory.GetGrain)
        && method.IsGenericMethod && method.GetGenericArguments()[0] == typeof(IEvseGrain)
            ? Grain((string)args[0]!)
            : throw new NotSupportedException($"ScriptedGrains serves EVSE grains only, not {method}."));

    public IGrainFactory Factory { get; }

    /// <summary>Reports each EVSE grain was asked to apply.</summary>
    public int CallsTo(string key) => _calls.GetValueOrDefault(key);

    private IEvseGrain Grain(string key) => Proxy<IEvseGrain>((method, _) =>
    {
        if (method.Name != nameof(IEvseGrain.ReportStatus))
        {
            throw new NotSupportedException($"ScriptedGrains serves ReportStatus only, not {method}.");
        }

        _calls.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (key.Contains("DOWN", StringComparison.Ordinal))
        {
            return Task.FromException<StatusReportOutcome>(new SiloUnavailableException($"Silo S127.0.0.1:11112:1 is unavailable (scripted for {key})."));
        }

        return key.Contains("HANG", StringComparison.Ordinal)
            ? new TaskCompletionSource<StatusReportOutcome>().Task
            : Task.FromResult(StatusReportOutcome.Applied);
    });

    private static T Proxy<T>(Func<MethodInfo, object?[], object?> handler)
        where T : class
    {
        var proxy = DispatchProxy.Create<T, Handler>();
        ((Handler)(object)proxy).Handle = handler;
        return proxy;
    }

    /// <summary>DispatchProxy needs a public, non-sealed class with a parameterless constructor.</summary>
#pragma warning disable CA1852 // DispatchProxy derives from this type at run time.
    public class Handler : DispatchProxy
#pragma warning restore CA1852
    {
        internal Func<MethodInfo, object?[], object?> Handle { get; set; } = (m, _) => throw new InvalidOperationException(m.Name);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => Handle(targetMethod!, args ?? []);
    }
}
