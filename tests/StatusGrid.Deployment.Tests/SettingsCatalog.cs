using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using StatusGrid.Server.Hosting;
using StatusGrid.Storage;
using StatusGrid.Grains.Partners;

namespace StatusGrid.Deployment.Tests;

/// <summary>
/// Every configuration section StatusGrid binds (the options classes' <c>SectionName</c> constants) and what a key
/// under it may be: so a key in appsettings.json, docker-compose.yml or the README that binds to nothing (a typo
/// that would be silently ignored) fails a test.
/// </summary>
internal static class SettingsCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, Type>> Sections = new(Discover);

    /// <summary>Single settings outside any options class.</summary>
    private static readonly Dictionary<string, Type> Values = new(StringComparer.OrdinalIgnoreCase) { [HostRoles.Key] = typeof(HostRole) };

    public static IReadOnlyDictionary<string, Type> All => Sections.Value;

    /// <summary>Why <paramref name="key"/> (colon form, e.g. <c>StatusGrid:Cluster:SiloPort</c>) binds to nothing; null when it binds.</summary>
    public static string? Problem(string key)
    {
        if (Values.ContainsKey(key))
        {
            return null;
        }

        var section = All.Keys.Where(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)).MaxBy(s => s.Length);
        if (section is null)
        {
            return $"{key}: no options class is bound to its section";
        }

        var type = All[section];
        foreach (var segment in key[(section.Length + 1)..].Split(':'))
        {
            if (IsOpenEnded(type))
            {
                return null;
            }

            var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || (property.SetMethod is null && !IsOpenEnded(property.PropertyType) && !property.PropertyType.IsClass))
            {
                return $"{key}: {type.Name} has no settable property '{segment}'";
            }

            type = property.PropertyType;
        }

        return null;
    }

    /// <summary>Binds every known section of <paramref name="configuration"/> (bad values, e.g. an unknown enum name, throw).</summary>
    public static void BindAll(IConfiguration configuration)
    {
        foreach (var (section, type) in All)
        {
            configuration.GetSection(section).Get(type);
        }

        foreach (var (key, type) in Values)
        {
            configuration.GetValue(type, key);
        }
    }

    // Dictionaries and lists take any key below them.
    private static bool IsOpenEnded(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static Dictionary<string, Type> Discover()
    {
        var assemblies = new[] { typeof(ClusterSettings).Assembly, typeof(StorageOptions).Assembly, typeof(PushOptions).Assembly };
        var sections = assemblies
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
            .ToDictionary(x => (string)x.Field!.GetRawConstantValue()!, x => x.Type, StringComparer.OrdinalIgnoreCase);
        // Orleans' own options, bound from our section (OrleansHosting).
        sections[ClusterSettings.MembershipSectionName] = typeof(ClusterMembershipOptions);
        sections[ClusterSettings.DirectorySectionName] = typeof(GrainDirectoryOptions);
        return sections;
    }
}
