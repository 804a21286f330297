namespace StatusGrid.Ocpi.Validation;

/// <summary>Collects errors while a validator walks an object graph for one OCPI version.</summary>
internal sealed class ValidationContext(OcpiVersion version)
{
    private readonly List<OcpiValidationError> _errors = [];

    public OcpiVersion Version { get; } = version;

    public IReadOnlyList<OcpiValidationError> Errors => _errors;

    public void Add(string path, string message) => _errors.Add(new OcpiValidationError(path, message));
}
