using System.Globalization;

namespace StatusGrid.LoadDriver.Cli;

/// <summary>
/// <c>command --name value --flag</c>. Values are read on demand with a default, and every name given must be read
/// by the command (checked by <see cref="EnsureAllUsed"/>), so a typo fails loudly instead of running the wrong load.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    private CommandLine(string command) => Command = command;

    public string Command { get; }

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var hasCommand = args.Count > 0 && !args[0].StartsWith("--", StringComparison.Ordinal);
        var line = new CommandLine(hasCommand ? args[0] : "help");
        for (var i = hasCommand ? 1 : 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length < 3)
            {
                throw new ArgumentException($"Expected --name [value], got '{arg}'.");
            }

            var name = arg[2..];
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                line._values[name[..equals]] = name[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                line._values[name] = args[++i];
            }
            else
            {
                line._values[name] = null;
            }
        }

        return line;
    }

    public bool Has(string name)
    {
        _used.Add(name);
        return _values.ContainsKey(name);
    }

    public string? Text(string name, string? fallback = null)
    {
        _used.Add(name);
        return _values.TryGetValue(name, out var value) ? value ?? fallback : fallback;
    }

    public int Int(string name, int fallback) =>
        Text(name) is { } text ? int.Parse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        Text(name) is { } text ? double.Parse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture) : fallback;

    public TimeSpan Seconds(string name, double fallbackSeconds) => TimeSpan.FromSeconds(Double(name, fallbackSeconds));

    public bool Flag(string name) => Has(name) && Text(name) is null or "true" or "1" or "yes";

    /// <summary>A comma list of numbers, e.g. <c>--latency-ms 0,0,200</c>.</summary>
    public IReadOnlyList<double> Doubles(string name, double fallback) =>
        Text(name) is { } text
            ? [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture))]
            : [fallback];

    public void EnsureAllUsed()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown option(s) for '{Command}': {string.Join(", ", unknown.Select(u => "--" + u))}. See 'help'.");
        }
    }
}
