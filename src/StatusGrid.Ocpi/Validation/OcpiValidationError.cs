namespace StatusGrid.Ocpi.Validation;

/// <summary>
/// One problem found in an OCPI object. <see cref="Path"/> is the JSON path in OCPI (snake_case) names, e.g.
/// <c>evses[0].connectors[1].power_type</c>; empty for the document itself, <c>[3]...</c> inside a bulk array.
/// </summary>
public sealed record OcpiValidationError(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
