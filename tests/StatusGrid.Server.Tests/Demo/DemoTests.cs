using System.Text.Json;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Server.Demo;

namespace StatusGrid.Server.Tests.Demo;

public sealed class DemoTests
{
    [Fact]
    public void Over_a_long_simulated_run_few_chargers_are_out_of_order_and_faults_recover()
    {
        var random = new Random(20261128);
        var evses = Enumerable.Repeat(EvseStatus.Unknown, 1003).ToArray();
        var repairs = 0;
        var worstOutOfOrder = 0.0;
        // 300,000 events: about 300 per EVSE, far longer than the few minutes after which the old walk showed one
        // charger in six out of order.
        for (var step = 1; step <= 300_000; step++)
        {
            var i = random.Next(evses.Length);
            var next = DemoStatusModel.Next(evses[i], random);
            repairs += evses[i] == EvseStatus.OutOfOrder && next != EvseStatus.OutOfOrder ? 1 : 0;
            evses[i] = next;
            if (step % 10_000 == 0 && step >= 50_000)
            {
                worstOutOfOrder = Math.Max(worstOutOfOrder, Share(evses, EvseStatus.OutOfOrder));
            }
        }

        Assert.True(worstOutOfOrder < 0.03, $"out of order share reached {worstOutOfOrder:P1}");
        Assert.True(Share(evses, EvseStatus.Available) + Share(evses, EvseStatus.Charging) > 0.9);
        Assert.True(Share(evses, EvseStatus.Charging) > 0.25, "chargers are used");
        Assert.True(repairs > 100, $"only {repairs} faults recovered");
    }

    [Fact]
    public void Every_demo_location_lies_within_its_city()
    {
        // City centres (WGS 84), and how far a charger may be from one: these cities are at most ~10 km across.
        var centres = new Dictionary<string, (double Lat, double Lon)>
        {
            ["Aachen"] = (50.7753, 6.0839), ["Amsterdam"] = (52.3676, 4.9041), ["Antwerpen"] = (51.2194, 4.4025),
            ["Arnhem"] = (51.9851, 5.8987), ["Brussel"] = (50.8503, 4.3517), ["Den Haag"] = (52.0705, 4.3007),
            ["Düsseldorf"] = (51.2277, 6.7735), ["Eindhoven"] = (51.4416, 5.4697), ["Gent"] = (51.0543, 3.7174),
            ["Groningen"] = (53.2194, 6.5665), ["Köln"] = (50.9375, 6.9603), ["Rotterdam"] = (51.9244, 4.4777),
            ["Utrecht"] = (52.0907, 5.1214), ["Zwolle"] = (52.5168, 6.0830),
        };
        using var document = JsonDocument.Parse(RepoFiles.Read("src/StatusGrid.Server/Demo/locations.json"));
        foreach (var location in document.RootElement.EnumerateArray())
        {
            var city = location.GetProperty("city").GetString()!;
            var coordinates = location.GetProperty("coordinates");
            var km = Kilometres(centres[city],
                (double.Parse(coordinates.GetProperty("latitude").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                 double.Parse(coordinates.GetProperty("longitude").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.True(km < 12, $"{location.GetProperty("id").GetString()} is {km:F1} km from the centre of {city}");
            Assert.Equal($"{city} {location.GetProperty("address").GetString()}", location.GetProperty("name").GetString());
        }
    }

    private static double Share(EvseStatus[] evses, EvseStatus status) => evses.Count(s => s == status) / (double)evses.Length;

    private static double Kilometres((double Lat, double Lon) a, (double Lat, double Lon) b)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var h = Math.Pow(Math.Sin(Rad(b.Lat - a.Lat) / 2), 2) + (Math.Cos(Rad(a.Lat)) * Math.Cos(Rad(b.Lat)) * Math.Pow(Math.Sin(Rad(b.Lon - a.Lon) / 2), 2));
        return 2 * 6371 * Math.Asin(Math.Sqrt(h));
    }
}
