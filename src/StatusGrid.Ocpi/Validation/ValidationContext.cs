namespace StatusGrid.Ocpi.Validation;

/// <summary>Collects errors while a validator walks an object graph for one OCPI version.</summary>
internal sealed class ValidationContext(OcpiVersion version)
{
    private readonly List<OcpiValidationError> errors = [];

    public OcpiVersion Version { get; } = version;

    public IReadOnlyList<OcpiValidationError> Errors => errors;

    public void Add(string path, string message) => errors.Add(new OcpiValidationError(path, message));
}
