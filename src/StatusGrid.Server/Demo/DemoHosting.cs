namespace StatusGrid.Server.Demo;

public static class DemoHosting
{
    /// <summary>Removes the <c>--demo</c> switch (the configuration parser wants a value after it) and notes it.</summary>
    public static string[] ExtractDemoSwitch(string[] args, out bool demo)
    {
        demo = args.Contains("--demo");
        return demo ? [.. args.Where(a => a != "--demo")] : args;
    }

    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder, bool demoSwitch)
    {
        if (demoSwitch)
        {
            builder.Configuration[$"{DemoOptions.SectionName}:{nameof(DemoOptions.Enabled)}"] = "true";
        }

        builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.SectionName));
        builder.Services.AddHostedService<DemoRunner>();
        return builder;
    }
}
