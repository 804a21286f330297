namespace StatusGrid.Ocpi.Validation;

/// <summary>Collects errors while a validator walks an object graph for one OCPI version.</summary>
internal sealed class ValidationContext
{
    private readonly List<OcpiValidationError> _errors;

    public ValidationContext(OcpiVersion version)
        : this(version, [])
    {
    }

    private ValidationContext(OcpiVersion version, List<OcpiValidationError> errors)
    {
        Version = version;
        _errors = errors;
    }

    public OcpiVersion Version { get; }

    public IReadOnlyList<OcpiValidationError> Errors => _errors;

    /// <summary>
    /// The context for fields that exist only in 2.3.0 (parking places, help_phone, EVSE parking, ...), adding to the
    /// same error list. Whatever version the input was read as, such fields are sent as they are to 2.3.0 partners
    /// (and left out for older ones), so 2.3.0's rules are the only ones that apply to them.
    /// </summary>
    public ValidationContext For230Fields() => Version == OcpiVersion.V230 ? this : new ValidationContext(OcpiVersion.V230, _errors);

    public void Add(string path, string message) => _errors.Add(new OcpiValidationError(path, message));
}
