namespace StatusGrid.Server.Auth;

/// <summary>
/// Bound from <c>StatusGrid:RateLimits</c>: token buckets, refilled every second. Defaults are generous (far above
/// what a CSMS, a partner's pulls or a dashboard need) and exist to stop floods, not to shape traffic.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "StatusGrid:RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests per second per valid API key (admin or ingest); the bucket holds twice this.</summary>
    public int PerApiKeyPerSecond { get; set; } = 5000;

    /// <summary>Requests per second per OCPI token presented.</summary>
    public int PerOcpiTokenPerSecond { get; set; } = 500;

    /// <summary>Requests per second per client address, for every request without a valid API key.</summary>
    public int PerClientAddressPerSecond { get; set; } = 1000;

    /// <summary>
    /// Failed OCPI authentications (no, a malformed or an unknown token) one client address may have per minute;
    /// past it, its OCPI requests are answered 429 with Retry-After, without a token lookup, until the minute is
    /// over. Each fresh token costs a grain activation and a storage read, so this bounds what one address can make
    /// us look up far below the per-address request rate. 0 turns it off.
    /// </summary>
    public int FailedOcpiAuthPerClientAddressPerMinute { get; set; } = 60;
}
