namespace StatusGrid.Server.Locations;

public sealed record LocationImportResult(int Received, int Created, int Updated, int Unchanged);
