namespace StatusGrid.Server.Ingest;

/// <param name="Index">Position of the item in the request's list.</param>
public sealed record IngestItemError(int Index, string Error);
