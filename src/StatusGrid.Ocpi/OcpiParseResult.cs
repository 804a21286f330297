using StatusGrid.Ocpi.Validation;

namespace StatusGrid.Ocpi;

/// <summary>
/// Outcome of parsing and validating an OCPI payload. <see cref="Value"/> is null when the payload is unusable;
/// <see cref="Errors"/> then says why. For bulk lists, <see cref="Value"/> holds the valid items and
/// <see cref="Errors"/> the problems of the rejected ones.
/// </summary>
public sealed class OcpiParseResult<T>
    where T : class
{
    internal OcpiParseResult(T? value, IReadOnlyList<OcpiValidationError> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }

    public IReadOnlyList<OcpiValidationError> Errors { get; }

    /// <summary>True when a value was produced and nothing was wrong.</summary>
    public bool IsValid => Value is not null && Errors.Count == 0;
}
