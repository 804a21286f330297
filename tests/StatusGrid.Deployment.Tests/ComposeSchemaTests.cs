using System.Security.Cryptography;
using System.Text.Json;
using Json.Schema;

namespace StatusGrid.Deployment.Tests;

/// <summary>
/// docker-compose.yml against the Compose Specification's JSON schema (vendored in ComposeSpec/, see its README):
/// a misspelt or misplaced key, a wrong type or an unknown depends_on condition fails here, not at `docker compose up`.
/// </summary>
public sealed class ComposeSchemaTests
{
    private const string SchemaSha256 = "bc50c2d79102aed8df21b3a13e56c9396c7a06da6cff5ce37629f2ee7eb41735";

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        // The schema names its dialect as https://json-schema.org/draft-07/schema; the library knows draft 7 by its
        // canonical http URI. Same meta-schema, registered under the spelling the file uses (no network access).
        SchemaRegistry.Global.Register(new Uri("https://json-schema.org/draft-07/schema"), MetaSchemas.Draft7);
        return JsonSchema.FromText(File.ReadAllText(SchemaPath), new JsonSerializerOptions());
    });

    private static string SchemaPath => RepoFiles.PathOf("tests/StatusGrid.Deployment.Tests/ComposeSpec/compose-spec.json");

    [Fact]
    public void The_vendored_schema_is_the_unmodified_upstream_copy_with_its_licence()
    {
        Assert.Equal(SchemaSha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(SchemaPath))));
        Assert.Contains("Apache License", File.ReadAllText(RepoFiles.PathOf("tests/StatusGrid.Deployment.Tests/ComposeSpec/LICENSE")), StringComparison.Ordinal);
    }

    [Fact]
    public void Docker_compose_yml_is_valid_against_the_Compose_Specification_schema()
    {
        Assert.Empty(Problems(RepoFiles.Read("docker-compose.yml")));
    }

    [Theory]
    [InlineData("  restart: unless-stopped", "  restrat: unless-stopped")]
    [InlineData("        condition: service_healthy", "        condition: service_healty")]
    [InlineData("      retries: 30", "      retries: [30]")]
    [InlineData("    command: [\"migrate\"]", "    commands: [\"migrate\"]")]
    public void A_misspelt_key_or_wrong_value_in_the_compose_file_is_caught(string original, string broken)
    {
        var text = RepoFiles.Read("docker-compose.yml");
        Assert.Contains(original, text, StringComparison.Ordinal);
        Assert.NotEmpty(Problems(text.Replace(original, broken, StringComparison.Ordinal)));
    }

    private static List<string> Problems(string yaml)
    {
        var result = Schema.Value.Evaluate(ComposeJson.Convert(yaml), new EvaluationOptions { OutputFormat = OutputFormat.List, EvaluateAs = SpecVersion.Draft7 });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))];
    }
}
