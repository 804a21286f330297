using System.Data.Common;

namespace StatusGrid.Grains.Hosting;

/// <summary>
/// Faults of the cluster rather than of the call or of our code: a silo or the database out of reach, a message
/// rejected or timed out. They pass once membership has moved the grain elsewhere or the database is back. The HTTP
/// edge answers them 503 with Retry-After (never a 500); the fan-out logs them as warnings, since a rolling restart
/// raises them on every stop and the delivery ledger keeps what they interrupted.
/// </summary>
public static class ClusterUnavailable
{
    public static bool Is(Exception ex) => ex switch
    {
        SiloUnavailableException or OrleansMessageRejectionException or TimeoutException => true,
        DbException { IsTransient: true } => true,
        OrleansException { InnerException: { } inner } => Is(inner),
        OrleansException => true,
        AggregateException { InnerExceptions: [var only] } => Is(only),
        _ => false,
    };
}
