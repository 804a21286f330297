using System.Text.Json;

namespace StatusGrid.LoadDriver.Api;

internal static class IngestJson
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
