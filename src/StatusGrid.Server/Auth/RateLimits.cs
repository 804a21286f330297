using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using StatusGrid.Ocpi.Transport;
using StatusGrid.Server.OcpiApi;
using StatusGrid.Server.OcpiApi.Auth;

namespace StatusGrid.Server.Auth;

/// <summary>
/// Abuse limits (ASP.NET Core's rate limiter): a request with a valid API key counts against that key; every other
/// request counts against its client address, and an OCPI request also against the token it presents. Over the
/// limit: 429 with Retry-After (in the OCPI envelope on OCPI routes). Partitions are keyed by a hash, never by the
/// raw credential.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddStatusGridRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName))
            .Validate(o => o.FailedOcpiAuthPerClientAddressPerMinute >= 0,
                $"{RateLimitOptions.SectionName}:{nameof(RateLimitOptions.FailedOcpiAuthPerClientAddressPerMinute)} must be 0 (off) or more.")
            .ValidateOnStart();
        services.AddSingleton<OcpiAuthFailures>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(ByKeyOrAddress),
                PartitionedRateLimiter.Create<HttpContext, string>(ByOcpiToken));
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                var http = context.HttpContext;
                var detail = $"Too many requests; retry after {retryAfter} s (StatusGrid:RateLimits).";
                IResult result;
                if (http.Request.Path.StartsWithSegments("/ocpi"))
                {
                    result = OcpiResults.TooManyRequests(http, detail, retryAfter);
                }
                else
                {
                    http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                    result = Results.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
                }

                await result.ExecuteAsync(http);
            };
        });
        return services;
    }

    private static RateLimitPartition<string> ByKeyOrAddress(HttpContext context)
    {
        var options = Options(context);
        if (!options.Enabled)
        {
            return RateLimitPartition.GetNoLimiter("off");
        }

        var presented = ApiKeyFilter.Presented(context.Request);
        var keys = context.RequestServices.GetRequiredService<IOptionsMonitor<ApiKeyOptions>>().CurrentValue;
        if (presented is not null && ApiKeyFilter.IsValidKey(presented, keys))
        {
            return Bucket("key:" + Hash(presented), options.PerApiKeyPerSecond);
        }

        return Bucket("ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), options.PerClientAddressPerSecond);
    }

    private static RateLimitPartition<string> ByOcpiToken(HttpContext context)
    {
        var options = Options(context);
        var header = context.Request.Headers.Authorization.ToString();
        if (!options.Enabled || !context.Request.Path.StartsWithSegments("/ocpi") || !OcpiToken.TryDecodeHeader(header, out var token))
        {
            return RateLimitPartition.GetNoLimiter("none");
        }

        return Bucket("ocpi:" + Hash(token), options.PerOcpiTokenPerSecond);
    }

    private static RateLimitPartition<string> Bucket(string key, int perSecond) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, perSecond * 2),
            TokensPerPeriod = Math.Max(1, perSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static RateLimitOptions Options(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), 0, 12);
}
