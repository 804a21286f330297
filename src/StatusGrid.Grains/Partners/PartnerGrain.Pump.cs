using Orleans.Runtime;
using StatusGrid.Contracts.Partners;

namespace StatusGrid.Grains.Partners;

/// <summary>Starting the requests the pipeline allows, and what the health view and metrics show.</summary>
public sealed partial class PartnerGrain
{
    private void Pump()
    {
        if (_deactivating || Receiving is not { } config)
        {
            return;
        }

        var now = time.GetUtcNow();
        var heldByHub = HeldByHub;
        var held = heldByHub || SendsHeld(now); // by the hub, or by the crash hold (PartnerGrain.Fence.cs)
        _pipeline.LimitRate(config.MaxRequestsPerSecond, now);
        if (IsOrdered)
        {
            if (!held)
            {
                PumpOrdered(config, now);
            }

            if (_ordered.Count > 0 && !heldByHub)
            {
                EnsureTicking();
            }

            return;
        }

        foreach (var work in held ? new List<PushWork>() : _pipeline.Start(now, config.MaxConcurrency ?? Options.MaxConcurrency))
        {
            _ = work switch
            {
                PatchWork patch => RunPatchAsync(config, patch),
                PutWork put => RunPutAsync(config, put),
                _ => Task.CompletedTask,
            };
        }

        if (_pipeline.Backlog.UnverifiedCount > 0 && _verifying is null && now >= _verifyAfter)
        {
            _verifying = VerifyAsync();
        }

        if (!_pipeline.IsIdle && !heldByHub)
        {
            EnsureTicking(); // while the hub holds it, the hub's notice (or a reconcile) pumps again
        }

        if (now - _reportedAt >= MetricsReportInterval)
        {
            // The health view scans the backlog: at most once a second, not once per push.
            _reportedAt = now;
            PushMetrics.Report(Health(now));
        }
    }

    private PartnerHealth Health(DateTimeOffset now) => (IsOrdered ? OrderedHealth(now) : _pipeline.Health(PartnerId, now)) with
    {
        HubPartyStatus = state.State.Config?.HubId is null ? null : _hubStatus?.ToString().ToUpperInvariant(),
        HeldByHub = HeldByHub,
        SendsHeldUntil = SendsHeld(now) ? _sendAfter : null,
        DeliveryMode = (state.State.Config?.DeliveryMode ?? DeliveryMode.Latest).ToString().ToLowerInvariant(),
        MaxRequestsPerSecond = state.State.Config?.MaxRequestsPerSecond,
        MaxBacklog = IsOrdered ? OrderedLimit : null,
        Overflowed = _ordered.Overflowed,
        Superseded = _ordered.Superseded,
        AlreadyHeld = _ordered.AlreadyHeld + _pipeline.AlreadyHeld,
    };

    private PartnerHealth OrderedHealth(DateTimeOffset now) => _pipeline.Health(PartnerId, now) with
    {
        QueueDepth = Math.Max(0, _ordered.Count - _ordered.InFlight),
        InFlight = _ordered.InFlight,
        OldestPendingAge = _ordered.OldestSince() is { } since ? now - since : null,
        WorstLag = _ordered.OldestSince() is { } oldest ? now - oldest : null,
    };
}
