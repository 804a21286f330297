using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using StatusGrid.Server.Auth;
using StatusGrid.Server.Dashboard;
using StatusGrid.Server.Http;

namespace StatusGrid.Server.Hosting;

public static class ApiHosting
{
    public static WebApplicationBuilder AddStatusGridApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<ApiKeyOptions>(builder.Configuration.GetSection(ApiKeyOptions.SectionName));
        RefuseWeakKeys(builder);
        builder.AddStatusGridForwardedHeaders();
        // Our own API speaks snake_case like OCPI; OCPI objects themselves are written with OcpiJson.Options.
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            // A body naming a property twice is ambiguous: a JsonException (each endpoint answers it 400), not a guess.
            o.SerializerOptions.AllowDuplicateProperties = false;
        });
        // Kestrel's own ceiling is the largest per-route limit; RequestLimits lowers it per request.
        var limits = builder.Configuration.GetSection(RequestLimitOptions.SectionName).Get<RequestLimitOptions>() ?? new RequestLimitOptions();
        services.AddOptions<RequestLimitOptions>().Bind(builder.Configuration.GetSection(RequestLimitOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RequestLimitOptions>, RequestLimitOptionsValidator>();
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = limits.Largest);
        services.AddExceptionHandler<RequestLimits.BadRequestHandler>();
        services.AddExceptionHandler<ClusterFaults.Handler>();
        services.AddSingleton<ClusterReads>();
        services.AddStatusGridRateLimits(builder.Configuration);
        services.AddProblemDetails();
        services.AddSignalR();
        services.AddHostedService<StartupBanner>();
        return builder;
    }

    /// <summary>Outside Development a missing, default or short key stops the start (StartupBanner warns in Development).</summary>
    private static void RefuseWeakKeys(WebApplicationBuilder builder)
    {
        var keys = builder.Configuration.GetSection(ApiKeyOptions.SectionName).Get<ApiKeyOptions>() ?? new ApiKeyOptions();
        var viewer = builder.Configuration.GetSection(DashboardOptions.SectionName)[nameof(DashboardOptions.ViewerApiKey)];
        var problems = ApiKeyCheck.Problems(keys, viewer);
        if (problems.Count > 0 && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"StatusGrid refuses to start in the {builder.Environment.EnvironmentName} environment with weak API keys: "
                + string.Join(" ", problems));
        }
    }

    public static WebApplication UseStatusGridApi(this WebApplication app)
    {
        // First: everything after it (rate limits, the OCPP TLS rule, logs) sees the client as the trusted proxy saw it.
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLimits();
        app.UseRateLimiter();
        app.UseDashboardAccess();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }
}
