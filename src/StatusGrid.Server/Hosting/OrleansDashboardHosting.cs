using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using StatusGrid.Server.Auth;

namespace StatusGrid.Server.Hosting;

/// <summary>
/// The Orleans Dashboard (silos, grains, calls, reminders) at <c>/orleans-dashboard/</c>, behind the admin key. A
/// browser cannot add an X-Api-Key header, so Basic authentication with the admin key as the password (any user
/// name) is accepted too, and a 401 asks the browser for it. Off unless <c>StatusGrid:OrleansDashboard:Enabled=true</c>:
/// it profiles every grain call and keeps a second metrics pipeline of its own, which cost a silo 40 MB of live heap
/// and 90 MB resident at start and about 3 % of a core at 5,000 changes/s (load/RESULTS.md). The operations view
/// <c>/ops</c> covers what a CPO watches. Front-ends do not serve it: open it on a silo.
/// </summary>
public static class OrleansDashboardHosting
{
    public const string Path = "/orleans-dashboard";

    /// <summary>On silos only: the dashboard collects from the grains of the silo it runs on.</summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        configuration.GetValue("StatusGrid:OrleansDashboard:Enabled", false) && !configuration.IsFrontEnd();

    public static WebApplication MapStatusGridOrleansDashboard(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration))
        {
            return app;
        }

        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), branch => branch.Use(async (context, next) =>
        {
            var keys = context.RequestServices.GetRequiredService<IOptionsMonitor<ApiKeyOptions>>().CurrentValue;
            if (Presented(context.Request) is { } presented
                && keys.Admin.Any(admin => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(admin))))
            {
                try
                {
                    await next(context);
                }
                catch (Exception ex) when (!context.Response.HasStarted && IsMalformedInput(ex))
                {
                    // The third-party dashboard activates a grain per silo address in the URL and throws on one that
                    // does not parse: that is the caller's mistake, answered 400, not a server error.
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    await context.Response.WriteAsync("Malformed Orleans Dashboard request (e.g. a silo address that does not parse).");
                }

                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"StatusGrid admin\", charset=\"UTF-8\"";
            await context.Response.WriteAsync("The Orleans Dashboard needs the admin key (as the Basic password, or in X-Api-Key).");
        }));
        app.MapOrleansDashboard(routePrefix: Path);
        return app;
    }

    private static bool IsMalformedInput(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is FormatException or ArgumentException)
            {
                return true;
            }
        }

        return false;
    }

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue("X-Api-Key", out var key) && key.Count > 0)
        {
            return key[0];
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization[7..].Trim();
        }

        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
                return decoded.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? decoded[(colon + 1)..] : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }
}
