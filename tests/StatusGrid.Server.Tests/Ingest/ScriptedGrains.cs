using System.Collections.Concurrent;
using System.Reflection;
using Orleans;
using Orleans.Runtime;
using StatusGrid.Contracts.Evses;

namespace StatusGrid.Server.Tests.Ingest;

/// <summary>
/// An <see cref="IGrainFactory"/> whose EVSE grains behave as scripted per key, to put the ingest API in front of a
/// silo that is unreachable or never answers (as during a silo's death) without a cluster. Keys containing
/// <c>DOWN</c> throw <see cref="SiloUnavailableException"/>, keys containing <c>HANG</c> never answer, keys containing
/// <c>GATE</c> wait for <see cref="OpenGate"/> and then ask the real grain (<see cref="Real"/>), every other EVSE
/// applies each report. Built on <see cref="DispatchProxy"/>: only the calls the ingestor makes are served.
/// </summary>
public sealed class ScriptedGrains
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<(string Key, StatusReport Report)> _reports = [];
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ScriptedGrains() => Factory = Proxy<IGrainFactory>((method, args) => method.Name == nameof(IGrainFactory.GetGrain)
        && method.IsGenericMethod && method.GetGenericArguments()[0] == typeof(IEvseGrain)
            ? Grain((string)args[0]!)
            : throw new NotSupportedException($"ScriptedGrains serves EVSE grains only, not {method}."));

    public IGrainFactory Factory { get; }

    /// <summary>The silo's own grain factory, for GATE keys.</summary>
    public IGrainFactory? Real { get; set; }

    /// <summary>Completes when a GATE grain has been called.</summary>
    public Task GateEntered => _entered.Task;

    public void OpenGate() => _gate.TrySetResult();

    /// <summary>Calls each EVSE grain got (retries included).</summary>
    public int CallsTo(string key) => _calls.GetValueOrDefault(key);

    /// <summary>The distinct reports each EVSE grain was asked to apply.</summary>
    public IReadOnlyCollection<StatusReport> ReportsTo(string key) => [.. _reports.Where(r => r.Key == key).Select(r => r.Report).Distinct()];

    private async Task<StatusReportOutcome> ThroughGateAsync(string key, StatusReport report)
    {
        _entered.TrySetResult();
        await _gate.Task;
        return await (Real ?? throw new InvalidOperationException("Set Real for GATE keys.")).GetGrain<IEvseGrain>(key).ReportStatus(report);
    }

    private IEvseGrain Grain(string key) => Proxy<IEvseGrain>((method, args) =>
    {
        if (method.Name != nameof(IEvseGrain.ReportStatus))
        {
            throw new NotSupportedException($"ScriptedGrains serves ReportStatus only, not {method}.");
        }

        _calls.AddOrUpdate(key, 1, (_, n) => n + 1);
        _reports.Add((key, (StatusReport)args[0]!));
        if (key.Contains("DOWN", StringComparison.Ordinal))
        {
            return Task.FromException<StatusReportOutcome>(new SiloUnavailableException($"Silo S127.0.0.1:11112:1 is unavailable (scripted for {key})."));
        }

        if (key.Contains("GATE", StringComparison.Ordinal))
        {
            return ThroughGateAsync(key, (StatusReport)args[0]!);
        }

        return key.Contains("HANG", StringComparison.Ordinal)
            ? new TaskCompletionSource<StatusReportOutcome>().Task
            : Task.FromResult(StatusReportOutcome.Applied);
    });

    /// <summary>An object implementing <typeparamref name="T"/> whose every call <paramref name="handler"/> answers (test doubles of grains).</summary>
    internal static T Proxy<T>(Func<MethodInfo, object?[], object?> handler)
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
