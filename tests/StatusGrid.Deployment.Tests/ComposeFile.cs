using YamlDotNet.RepresentationModel;

namespace StatusGrid.Deployment.Tests;

/// <summary>
/// docker-compose.yml as data. YamlDotNet resolves anchors and aliases but not merge keys (<c>&lt;&lt;: *x</c>),
/// so <see cref="Service"/> applies them the way Compose does: keys of the service win over merged ones.
/// </summary>
internal sealed class ComposeFile
{
    private readonly YamlMappingNode _root;

    private ComposeFile(YamlMappingNode root) => _root = root;

    public static ComposeFile Load(string relativePath = "docker-compose.yml")
    {
        var stream = new YamlStream();
        using var reader = new StringReader(RepoFiles.Read(relativePath));
        stream.Load(reader);
        return new ComposeFile((YamlMappingNode)stream.Documents[0].RootNode);
    }

    public IReadOnlyList<string> ServiceNames =>
        [.. ((YamlMappingNode)_root["services"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!)];

    public YamlMappingNode Service(string name) => Merged((YamlMappingNode)((YamlMappingNode)_root["services"])[name]);

    /// <summary>A service's environment as name → value (both the mapping and the list form).</summary>
    public IReadOnlyDictionary<string, string> Environment(string service)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Service(service).Children.TryGetValue("environment", out var node))
        {
            return result;
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in Merged(mapping).Children)
                {
                    result[Scalar(key)] = Scalar(value);
                }

                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children.Select(Scalar))
                {
                    var equals = item.IndexOf('=', StringComparison.Ordinal);
                    result[equals < 0 ? item : item[..equals]] = equals < 0 ? "" : item[(equals + 1)..];
                }

                break;
        }

        return result;
    }

    public static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    public static string? Text(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(key, out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    public static IReadOnlyList<string> List(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(key, out var node) && node is YamlSequenceNode list ? [.. list.Children.Select(Scalar)] : [];

    /// <summary>
    /// Compose's variable substitution with defaults only: <c>${NAME:-default}</c> becomes <c>default</c> (the value a
    /// user gets without an .env file).
    /// </summary>
    public static string WithDefaults(string value) =>
        System.Text.RegularExpressions.Regex.Replace(value, @"\$\{[A-Z0-9_]+:-([^}]*)\}", m => m.Groups[1].Value);

    /// <summary>
    /// Compose's variable substitution: <c>${NAME}</c>, <c>${NAME:-default}</c> and <c>${NAME:?error}</c> from
    /// <paramref name="variables"/> (an .env file); a required variable that is missing throws, as compose refuses to start.
    /// </summary>
    public static string Interpolate(string value, IReadOnlyDictionary<string, string> variables) =>
        System.Text.RegularExpressions.Regex.Replace(value, @"\$\{(?<name>[A-Z0-9_]+)(?:(?<op>:[-?])(?<arg>[^}]*))?\}", m =>
        {
            var found = variables.TryGetValue(m.Groups["name"].Value, out var set) && set.Length > 0;
            return m.Groups["op"].Value switch
            {
                ":-" => found ? set! : m.Groups["arg"].Value,
                ":?" => found ? set! : throw new InvalidOperationException($"required variable {m.Groups["name"].Value} is missing a value: {m.Groups["arg"].Value}"),
                _ => found ? set! : "",
            };
        });

    private static YamlMappingNode Merged(YamlMappingNode mapping)
    {
        var merged = new YamlMappingNode();
        if (mapping.Children.TryGetValue("<<", out var bases))
        {
            var sources = bases is YamlSequenceNode list ? list.Children.Cast<YamlMappingNode>() : [(YamlMappingNode)bases];
            foreach (var source in sources)
            {
                foreach (var (key, value) in Merged(source).Children)
                {
                    merged.Children[key] = value;
                }
            }
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (Scalar(key) != "<<")
            {
                merged.Children[key] = value;
            }
        }

        return merged;
    }
}
