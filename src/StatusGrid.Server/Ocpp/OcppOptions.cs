using StatusGrid.Grains.ChargePoints;

namespace StatusGrid.Server.Ocpp;

/// <summary><c>StatusGrid:Ocpp</c>: the WebSocket settings, plus the heartbeat and offline rule of ChargePointOptions.</summary>
public sealed class OcppOptions : ChargePointOptions
{
    public const string SectionName = Section;

    /// <summary>Largest accepted message; a bigger one closes the connection with 1009 (message too big).</summary>
    public int MaxFrameBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Security profile 1 sends the password in clear. Outside Development the endpoint accepts only TLS connections:
    /// HTTPS at Kestrel, or a reverse proxy that terminates TLS and sets <c>X-Forwarded-Proto: https</c>. Set true
    /// only on a trusted network.
    /// </summary>
    public bool AllowUnencrypted { get; set; }

    /// <summary>WebSocket ping interval (keeps NATs open; OCPP lets pings stand in for most heartbeats).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a ping may go unanswered before the connection is dropped (then <c>OfflineAfterDisconnect</c>
    /// applies). A station that loses power sends no close frame. Zero: pings are not answered for (the socket stays
    /// until the silence window passes).
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a CALL may take in our grains before the station gets InternalError.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How many checks of a supplied (PBKDF2) password may wait for one of the hashing slots (half the cores, at least
    /// one); a connect that finds the queue full gets 503 with Retry-After. Bounded so that a flood of wrong passwords
    /// cannot pile up CPU work without end. Read at start; 0 or more.
    /// </summary>
    public int PasswordCheckQueueLimit { get; set; } = 100;
}
