using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StatusGrid.Server.Auth;

namespace StatusGrid.Server.OcpiApi.Auth;

/// <summary>
/// Failed OCPI authentications per client address, in fixed one-minute windows
/// (<see cref="RateLimitOptions.FailedOcpiAuthPerClientAddressPerMinute"/>). Every fresh well-formed token costs a
/// token grain activation and a storage read, and the per-address request rate (1000/s) let one client cause that many
/// a second with random tokens. An address past the bound is refused before any lookup until its window ends.
/// </summary>
public sealed partial class OcpiAuthFailures(IOptionsMonitor<RateLimitOptions> options, TimeProvider time, ILogger<OcpiAuthFailures> logger)
{
    /// <summary>Addresses tracked at most; past it, expired windows are dropped, and new addresses are not counted if none expired.</summary>
    internal const int MaxAddresses = 10_000;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Failures> _byAddress = new(StringComparer.Ordinal);

    /// <summary>How long <paramref name="address"/> must wait before it may authenticate again; null when it may now.</summary>
    public TimeSpan? RetryAfter(string address)
    {
        var limit = Limit();
        var now = time.GetUtcNow();
        return limit > 0 && _byAddress.TryGetValue(address, out var failures) && failures.Ends > now && failures.Count >= limit
            ? failures.Ends - now
            : null;
    }

    /// <summary>Counts a failed authentication of <paramref name="address"/>.</summary>
    public void Failed(string address)
    {
        var limit = Limit();
        if (limit == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (_byAddress.Count >= MaxAddresses && !_byAddress.ContainsKey(address))
        {
            foreach (var (key, failures) in _byAddress)
            {
                if (failures.Ends <= now)
                {
                    _byAddress.TryRemove(key, out _);
                }
            }

            // Still full of live windows: more addresses than a flood from one network makes. Not counting this one
            // keeps memory bounded; the per-address request rate limit still applies to it.
            if (_byAddress.Count >= MaxAddresses)
            {
                return;
            }
        }

        var counted = _byAddress.AddOrUpdate(address, _ => new Failures(now + Window, 1),
            (_, old) => old.Ends <= now ? new Failures(now + Window, 1) : old with { Count = old.Count + 1 });
        if (counted.Count == limit)
        {
            LogLimited(logger, address, limit, (int)Math.Ceiling((counted.Ends - now).TotalSeconds));
        }
    }

    private int Limit()
    {
        var settings = options.CurrentValue;
        return settings.Enabled ? settings.FailedOcpiAuthPerClientAddressPerMinute : 0;
    }

    private readonly record struct Failures(DateTimeOffset Ends, int Count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OCPI authentication from {RemoteIp} refused with 429 for {RetryAfterSeconds} s: {Failures} failed authentications within a minute")]
    private static partial void LogLimited(ILogger logger, string remoteIp, int failures, int retryAfterSeconds);
}
