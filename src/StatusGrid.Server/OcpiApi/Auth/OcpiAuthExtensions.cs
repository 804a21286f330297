namespace StatusGrid.Server.OcpiApi.Auth;

public static class OcpiAuthExtensions
{
    public static TBuilder RequireOcpiToken<TBuilder>(this TBuilder builder, OcpiModule module)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new OcpiAuthFilter(module));
}
