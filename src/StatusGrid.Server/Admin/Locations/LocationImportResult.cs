namespace StatusGrid.Server.Admin.Locations;

public sealed record LocationImportResult(int Received, int Created, int Updated, int Unchanged);
