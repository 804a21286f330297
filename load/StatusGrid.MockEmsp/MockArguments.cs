using System.Globalization;
using System.Net;
using System.Security.Cryptography;

namespace StatusGrid.MockEmsp;

/// <summary>Command line: <c>--name value</c> pairs; comma lists give one value per partner (the last repeats).</summary>
public sealed record MockArguments(IReadOnlyDictionary<string, string> Values)
{
    private static readonly string[] Known = ["partners", "base-port", "listen", "public-url", "latency-ms", "jitter-ms", "error-rate", "token-a", "recent"];

    public static MockArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : throw new ArgumentException($"'{args[i]}': expected --name value");
            if (!Known.Contains(name))
            {
                throw new ArgumentException($"--{name}: unknown option (known: --{string.Join(", --", Known)})");
            }

            values[name] = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"--{name} needs a value");
        }

        return new MockArguments(values);
    }

    public FleetOptions ToOptions()
    {
        var partners = Int("partners", 1);
        var errors = Doubles("error-rate");
        if (errors.Any(e => e is < 0 or > 1))
        {
            throw new ArgumentException("--error-rate is a fraction between 0 and 1.");
        }

        var latency = Doubles("latency-ms");
        var jitter = Doubles("jitter-ms");
        static double At(IReadOnlyList<double> values, int i) => values[Math.Min(i, values.Count - 1)];
        return new FleetOptions
        {
            Partners = partners,
            BasePort = Int("base-port", 9101),
            ListenAddress = IPAddress.Parse(Values.GetValueOrDefault("listen", "127.0.0.1")),
            PublicBaseUrl = Values.TryGetValue("public-url", out var url) ? new Uri(url) : null,
            Faults = [.. Enumerable.Range(0, partners).Select(i => new PartnerFaults(At(latency, i), At(jitter, i), At(errors, i)))],
            TokenA = Values.GetValueOrDefault("token-a") ?? "token-a-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            RecentPushes = Int("recent", 200),
        };
    }

    private int Int(string name, int fallback) =>
        Values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private double[] Doubles(string name) =>
        Values.TryGetValue(name, out var text) ? [.. text.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture))] : [0];
}
