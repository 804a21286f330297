using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using StatusGrid.Contracts.ChargePoints;
using StatusGrid.Grains.Hosting;
using StatusGrid.Server.Http;

namespace StatusGrid.Server.Ocpp;

/// <summary>
/// <c>GET /ocpp/{chargePointId}</c>: checks, in order, that it is a WebSocket upgrade, the transport (TLS outside
/// Development), the identity and its Basic password (401 before the upgrade, for an unknown identity after the
/// same PBKDF2 run as a wrong password; 503 when that run would have to wait and the queue is full), then the subprotocol (400 before the upgrade when none we speak is offered).
/// </summary>
public static partial class OcppEndpoint
{
    /// <summary>The Retry-After of a 503: the station's own back-off applies on top.</summary>
    private const string RetryAfterSeconds = "10";

    public static async Task HandleAsync(HttpContext context, string chargePointId, IGrainFactory grains,
        IOptionsMonitor<OcppOptions> options, IHostEnvironment environment, VerifiedPasswords passwords,
        PasswordHashingLimiter hashing, TimeProvider time, ILoggerFactory loggers, IHostApplicationLifetime lifetime)
    {
        var logger = loggers.CreateLogger("StatusGrid.Server.Ocpp");
        var settings = options.CurrentValue;
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Problem(context, StatusCodes.Status400BadRequest, "OCPP-J needs a WebSocket upgrade (Sec-WebSocket-Protocol: ocpp1.6 or ocpp2.0.1).");
            return;
        }

        if (!settings.AllowUnencrypted && !environment.IsDevelopment() && !IsTls(context))
        {
            await Problem(context, StatusCodes.Status403Forbidden,
                "Connect over wss:// (security profile 2): Basic passwords are not accepted over plain ws:// here.");
            return;
        }

        // Routing has percent-decoded the segment ("RDAM%20123" → "RDAM 123"); such identities are refused below.
        var identity = chargePointId;
        // Read before the lookup: an upgrade without a Basic password for this identity is refused without activating
        // a grain or reading storage, so strangers cannot make us load one charge point grain per made-up identity.
        var password = OcppBasicAuth.PasswordFor(context.Request.Headers.Authorization, identity);
        ChargePointRegistration? registration;
        try
        {
            registration = password is not null && OcppIdentity.IsValid(identity)
                ? await grains.GetGrain<IChargePointGrain>(ChargePointKey.For(identity)).GetRegistration()
                : null;
        }
        catch (Exception ex) when (ClusterUnavailable.Is(ex))
        {
            // Overloaded or shutting down: say so, and the station retries with its back-off.
            LogLookupFailed(logger, ex, identity);
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            await Problem(context, StatusCodes.Status503ServiceUnavailable, "Try again later.");
            return;
        }

        if (registration is null && password is not null)
        {
            passwords.Forget(identity);
        }

        // An unknown identity is checked too, against no stored hash: it then costs the same PBKDF2 run in the same
        // limiter as a wrong password, so neither the time nor the status of the answer tells which identities exist.
        // An invalid identity is not: the rule is public and no station can have one, so there is nothing to learn.
        var check = password is null || !OcppIdentity.IsValid(identity)
            ? PasswordCheck.NoMatch
            : await passwords.VerifyAsync(identity, password, registration?.PasswordHashes ?? [], context.RequestAborted);
        if (check == PasswordCheck.Busy)
        {
            // Every PBKDF2 slot busy and the queue full: most likely a flood of wrong passwords. Refused before the
            // upgrade and without a hash, so the flood cannot take more than the slots' cores; the station retries.
            LogHashingBusy(logger, identity, context.Connection.RemoteIpAddress?.ToString(), hashing.Slots, hashing.QueueLimit);
            OcppMetrics.PasswordCheckRefused();
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            await Problem(context, StatusCodes.Status503ServiceUnavailable,
                "Too many password checks are waiting; try again later (see Retry-After).");
            return;
        }

        if (check != PasswordCheck.Match)
        {
            // One answer for an unknown identity and a wrong password, so the endpoint does not reveal which exist.
            LogRefused(logger, identity, context.Connection.RemoteIpAddress?.ToString());
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"OCPP\", charset=\"UTF-8\"";
            await Problem(context, StatusCodes.Status401Unauthorized, "Unknown charge point or wrong password.");
            return;
        }

        var protocol = OcppSubprotocols.Choose(context.WebSockets.WebSocketRequestedProtocols);
        if (protocol is null)
        {
            // Refused at the upgrade (an HTTP status, no socket), as our issue asks. OCPP-J itself (1.6 §3.2, 2.0.1
            // Part 4 §3.2) would accept without a subprotocol and close at once; stations treat both as a failed
            // connect and retry, and a 400 tells the operator why in the station's log.
            LogNoSubprotocol(logger, identity, context.Request.Headers.SecWebSocketProtocol.ToString());
            await Problem(context, StatusCodes.Status400BadRequest,
                "Offer the WebSocket subprotocol ocpp1.6 or ocpp2.0.1 (Sec-WebSocket-Protocol); no other is spoken here.");
            return;
        }

        // Before the 101 goes: the station may report as soon as it has it, stamped by its own clock.
        var openedAt = time.GetUtcNow();
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = OcppSubprotocols.Name(protocol.Value),
            KeepAliveInterval = settings.KeepAliveInterval,
            // Ping and expect the pong: a station that lost power sends no close, and without this its socket stayed
            // open (and its EVSEs as they were) until the silence window passed.
            KeepAliveTimeout = settings.KeepAliveTimeout > TimeSpan.Zero ? settings.KeepAliveTimeout : Timeout.InfiniteTimeSpan,
            // OCPP 2.0.1 Part 4 §3.3 requires a CSMS to support RFC 7692 compression; it is used only if the station asks.
            DangerousEnableCompression = protocol == OcppProtocol.Ocpp201,
        });
        var session = new OcppSession(socket, identity, protocol.Value, openedAt, grains, settings, settings.HeartbeatInterval, time, logger);
        await session.RunAsync(context.RequestAborted, lifetime.ApplicationStopping);
    }

    // X-Forwarded-Proto counts only from a trusted proxy: the forwarded-headers middleware (ForwardedHeadersHosting)
    // has then set the scheme. Read raw, a station reaching the plain port could claim TLS by sending it itself.
    private static bool IsTls(HttpContext context) => context.Request.IsHttps;

    private static Task Problem(HttpContext context, int status, string detail) =>
        Results.Problem(detail, statusCode: status).ExecuteAsync(context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OCPP connection of {Identity} from {RemoteIp} answered 503: all {Slots} password hashing slots busy and {QueueLimit} checks queued")]
    private static partial void LogHashingBusy(ILogger logger, string identity, string? remoteIp, int slots, int queueLimit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OCPP connection of {Identity}: registration lookup failed; answered 503")]
    private static partial void LogLookupFailed(ILogger logger, Exception ex, string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OCPP connection of {Identity} refused: it offered no subprotocol we speak ({Offered})")]
    private static partial void LogNoSubprotocol(ILogger logger, string identity, string offered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OCPP connection refused for {Identity} from {RemoteIp}: unknown identity or wrong password")]
    private static partial void LogRefused(ILogger logger, string identity, string? remoteIp);
}
