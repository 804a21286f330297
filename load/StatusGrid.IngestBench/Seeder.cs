using System.Diagnostics;
using System.Net;
using System.Text;

namespace StatusGrid.IngestBench;

/// <summary>Imports the bench locations through the admin API unless the server already has the last of them.</summary>
internal static class Seeder
{
    private const int PerImport = 100;

    public static async Task EnsureLocationsAsync(HttpClient admin, IngestBenchOptions options)
    {
        if ((await admin.GetAsync($"/api/admin/locations/{BenchLocations.Id(options.Locations - 1)}")).StatusCode == HttpStatusCode.OK)
        {
            Console.WriteLine("Locations already present: not seeding");
            return;
        }

        var started = Stopwatch.GetTimestamp();
        for (var first = 0; first < options.Locations; first += PerImport)
        {
            var indexes = Enumerable.Range(first, Math.Min(PerImport, options.Locations - first));
            var body = "[" + string.Join(",", indexes.Select(i => BenchLocations.Json(i, options.EvsesPerLocation))) + "]";
            using var response = await admin.PostAsync("/api/admin/locations/import", new StringContent(body, Encoding.UTF8, "application/json"));
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Seeding failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        Console.WriteLine($"Seeded {options.Locations:N0} locations in {Stopwatch.GetElapsedTime(started).TotalSeconds:N1} s");
    }
}
