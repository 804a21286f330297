namespace StatusGrid.TestSupport.Emsp;

/// <summary>One request as the mock eMSP received it; <see cref="Path"/> is relative to the Locations endpoint.</summary>
public sealed record ReceivedPush(
    string Method,
    string Url,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset ReceivedAt);
