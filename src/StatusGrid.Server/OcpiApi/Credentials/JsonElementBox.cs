using System.Text.Json;

namespace StatusGrid.Server.OcpiApi.Credentials;

/// <summary>A JSON value as a reference type (ValueKind Undefined when the partner sent no data).</summary>
public sealed record JsonElementBox(JsonElement Value);
