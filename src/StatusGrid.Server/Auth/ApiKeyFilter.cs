using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace StatusGrid.Server.Auth;

/// <summary>Rejects a request without the scope's key with 401 and a problem body. Constant-time comparison.</summary>
public sealed class ApiKeyFilter(ApiKeyScope scope) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<ApiKeyOptions>>().CurrentValue;
        var presented = Presented(context.HttpContext.Request);
        var accepted = scope == ApiKeyScope.Admin
            ? MatchesAny(presented, options.Admin)
            : MatchesAny(presented, options.Ingest) || MatchesAny(presented, options.Admin);
        if (accepted)
        {
            return next(context);
        }

        var detail = presented is null
            ? "Send the API key in the X-Api-Key header."
            : "The API key is not valid for this endpoint.";
        return ValueTask.FromResult<object?>(Results.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized"));
    }

    /// <summary>Whether <paramref name="presented"/> is any configured admin or ingest key.</summary>
    internal static bool IsValidKey(string presented, ApiKeyOptions options) =>
        MatchesAny(presented, options.Admin) || MatchesAny(presented, options.Ingest);

    internal static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue("X-Api-Key", out var key) && key.Count > 0)
        {
            return key[0];
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }

    private static bool MatchesAny(string? presented, IEnumerable<string> expected)
    {
        // Every key is compared (no early exit), so the time taken does not tell which one nearly matched.
        var any = false;
        foreach (var key in expected)
        {
            any |= Matches(presented, key);
        }

        return any;
    }

    private static bool Matches(string? presented, string? expected) =>
        presented is not null && expected is { Length: > 0 }
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
