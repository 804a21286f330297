using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StatusGrid.Server.Auth;

namespace StatusGrid.Server.Dashboard;

/// <summary>
/// With <see cref="DashboardOptions.RequireCredential"/> on, the dashboard's data (snapshots, search, the hub) needs
/// the viewer key or the admin key, like every other API: in <c>X-Api-Key</c>, <c>Authorization: Bearer</c>, or, for the
/// hub's WebSocket (browsers cannot set headers there), the <c>access_token</c> query parameter SignalR clients send.
/// The admin check is the API's own filter, so whatever keys it accepts are accepted here too.
/// </summary>
public static class DashboardAccess
{
    private static readonly object Allowed = new();

    public static async Task<bool> IsAllowedAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<DashboardOptions>>().CurrentValue;
        if (!options.RequireCredential)
        {
            return true;
        }

        if (context.Request.Query.TryGetValue("access_token", out var token) && token.Count > 0 && !context.Request.Headers.ContainsKey("Authorization"))
        {
            context.Request.Headers.Authorization = "Bearer " + token[0];
        }

        if (options.ViewerApiKey is { Length: > 0 } viewer && Presented(context.Request) is { } presented
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(viewer)))
        {
            return true;
        }

        var admin = new ApiKeyFilter(ApiKeyScope.Admin);
        var result = await admin.InvokeAsync(new DefaultEndpointFilterInvocationContext(context), _ => ValueTask.FromResult<object?>(Allowed));
        return ReferenceEquals(result, Allowed);
    }

    /// <summary>For the hub, which endpoint filters do not cover.</summary>
    public static IApplicationBuilder UseDashboardAccess(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments(StatusHub.Path) && !await IsAllowedAsync(context))
        {
            await Results.Problem("The dashboard needs a key: send X-Api-Key, or access_token for the hub.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    public static TBuilder RequireDashboardAccess<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) => await IsAllowedAsync(context.HttpContext)
            ? await next(context)
            : Results.Problem("The dashboard needs a key: send it in the X-Api-Key header.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized"));

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue("X-Api-Key", out var key) && key.Count > 0)
        {
            return key[0];
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }
}
