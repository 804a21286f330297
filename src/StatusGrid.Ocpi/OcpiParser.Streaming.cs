using StatusGrid.Ocpi.Json;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Ocpi.Validation;

namespace StatusGrid.Ocpi;

/// <summary>Parsers that read a stream as it arrives, for payloads too large to hold as one JSON document.</summary>
public static partial class OcpiParser
{
    /// <summary>
    /// The same result as <see cref="ParseLocations(ReadOnlySpan{byte}, OcpiVersion)"/> for the same bytes (values,
    /// errors, paths and messages), read from <paramref name="utf8Json"/> one Location at a time: only one item is
    /// ever held as a JSON document, which keeps a bulk import's memory near the size of the parsed Locations.
    /// <paramref name="progress"/> hears every 1,000 items.
    /// </summary>
    public static Task<OcpiParseResult<IReadOnlyList<Location>>> ParseLocationsAsync(
        Stream utf8Json, OcpiVersion version, IProgress<OcpiStreamProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return ArrayStreamReader<Location>.ReadAsync(utf8Json, version, LocationValidator.Validate, progress, cancellationToken);
    }
}

/// <summary>How far a streamed array has been read: items seen, of which valid, and bytes received.</summary>
public readonly record struct OcpiStreamProgress(int Items, int Valid, long Bytes);
