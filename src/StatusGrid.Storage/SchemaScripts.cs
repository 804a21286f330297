using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace StatusGrid.Storage;

/// <summary>The embedded scripts under Schema/{Sqlite,PostgreSql}, named NNNN_description.sql, in version order.</summary>
public static partial class SchemaScripts
{
    public static IReadOnlyList<SchemaScript> For(DatabaseProvider provider)
    {
        var folder = provider switch
        {
            DatabaseProvider.Sqlite => "Sqlite",
            DatabaseProvider.PostgreSql => "PostgreSql",
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };
        var assembly = typeof(SchemaScripts).Assembly;
        var prefix = $"{assembly.GetName().Name}.Schema.{folder}.";
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[prefix.Length..];
            var match = ScriptName().Match(name);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Schema script '{name}' is not named NNNN_description.sql.");
            }

            scripts.Add(new SchemaScript(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), name, Read(assembly, resource)));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < scripts.Count; i++)
        {
            // Versions ascend without duplicates. A number may be reserved by a change still on its way (parallel
            // branches pick their numbers up front), so a gap is allowed in a build; the migrator applies whatever
            // is not recorded, so a later build filling the gap still reaches databases past it.
            if (scripts[i].Version <= (i == 0 ? 0 : scripts[i - 1].Version))
            {
                throw new InvalidOperationException($"Schema scripts for {provider} must have distinct ascending numbers; found '{scripts[i].Name}' at position {i + 1}.");
            }
        }

        return scripts;
    }

    public static int LatestVersion(DatabaseProvider provider) => For(provider) is { Count: > 0 } scripts ? scripts[^1].Version : 0;

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing embedded resource {resource}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(\d{4})_[A-Za-z0-9_]+\.sql$")]
    private static partial Regex ScriptName();
}
