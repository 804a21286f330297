using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using StatusGrid.Grains.Evses;
using StatusGrid.Grains.Hosting;
using StatusGrid.Grains.Locations;

namespace StatusGrid.Grains.Tests;

/// <summary><c>StatusGrid:Evses:IdleTimeout</c>: how long an idle EVSE (or Location) grain stays in memory, and what is refused.</summary>
public sealed class EvseIdleTimeoutTests
{
    [Fact]
    public void Evse_grains_are_collected_after_ten_idle_minutes_unless_configured_otherwise()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), CollectionAge([]));
        Assert.Equal(TimeSpan.FromMinutes(3), CollectionAge(new() { ["StatusGrid:Evses:IdleTimeout"] = "00:03:00" }));
    }

    [Fact]
    public void Location_grains_are_collected_with_the_evse_grains_not_at_orleans_default()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), CollectionAge([], typeof(LocationGrain)));
        Assert.Equal(TimeSpan.FromMinutes(3), CollectionAge(new() { ["StatusGrid:Evses:IdleTimeout"] = "00:03:00" }, typeof(LocationGrain)));
    }

    [Fact]
    public void An_idle_timeout_orleans_cannot_honour_is_refused_at_start_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CollectionAge(new() { ["StatusGrid:Evses:IdleTimeout"] = "00:00:30" }));
        Assert.Contains("StatusGrid:Evses:IdleTimeout", error.Message, StringComparison.Ordinal);
        Assert.Contains("00:02:00", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("00:05:00")]
    public void A_directory_trust_that_would_stall_ordered_registration_is_refused_at_start_naming_the_setting(string value)
    {
        // Registering an ordered partner waits this long; a negative TimeSpan is an endless Task.Delay.
        var error = Assert.Throws<InvalidOperationException>(() => CollectionAge(new() { ["StatusGrid:Fanout:DirectoryTrust"] = value }));
        Assert.Contains("StatusGrid:Fanout:DirectoryTrust", error.Message, StringComparison.Ordinal);
    }

    private static TimeSpan CollectionAge(Dictionary<string, string?> settings, Type? grain = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddStatusGridSilo(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value.ClassSpecificCollectionAge[(grain ?? typeof(EvseGrain)).FullName!];
    }
}
