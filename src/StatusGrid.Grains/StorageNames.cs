namespace StatusGrid.Grains;

/// <summary>Names of the Orleans grain storage providers the grains use.</summary>
public static class StorageNames
{
    /// <summary>ADO.NET grain storage (SQLite or PostgreSQL) for low-rate state: locations, partners, EVSE identity.</summary>
    public const string Grains = "grains";
}
